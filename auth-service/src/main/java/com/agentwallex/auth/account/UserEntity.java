package com.agentwallex.auth.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person, keyed by (issuer, subject) of their identity provider, never by email. */
@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String issuer;

    @Column(nullable = false)
    public String subject;

    public String email;

    public String name;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;
}
