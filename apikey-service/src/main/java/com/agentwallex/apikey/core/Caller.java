package com.agentwallex.apikey.core;

/**
 * The signed-in user managing keys: their organization (from the access token) and its current
 * plan, with what the plan allows.
 *
 * @param ipAllowlists whether the plan includes IP allowlists
 */
public record Caller(String orgId, String userId, String plan, boolean ipAllowlists) {
}
