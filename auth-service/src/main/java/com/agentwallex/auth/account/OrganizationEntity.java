package com.agentwallex.auth.account;

import java.time.Instant;

public record OrganizationEntity(String id, String name, String plan, Instant createdAt) {
}
