package com.agentwallex.auth.token;

import com.agentwallex.common.ratelimit.RateLimitPolicy;
import java.time.Instant;
import java.util.List;

/** What an agent token says, decided by AgentTokenService from the key and the request. */
record AgentGrant(String tokenId, String keyId, String orgId, String environment, String plan, List<String> scopes,
                  List<String> ipAllowlist, List<RateLimitPolicy> rateLimits, String audience, String agentId, String runId, Instant issuedAt,
                  Instant expiresAt) {
}
