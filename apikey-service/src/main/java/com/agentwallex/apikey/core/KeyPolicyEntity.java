package com.agentwallex.apikey.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "key_policies")
public class KeyPolicyEntity {

    @Id
    @Column(name = "org_id")
    public String orgId;

    @Column(name = "rotation_hard_expiry", nullable = false)
    public boolean rotationHardExpiry;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
