package com.agentwallex.auth.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "organization")
public class OrganizationEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String plan;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
