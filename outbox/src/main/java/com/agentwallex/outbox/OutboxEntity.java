package com.agentwallex.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "outbox")
class OutboxEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String topic;

    @Column(name = "record_key", nullable = false)
    String recordKey;

    @Column(nullable = false)
    byte[] payload;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
