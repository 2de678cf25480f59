package com.agentwallex.apikey.ratelimit;

/**
 * A replica asks for {@code requested} more of a key's budget in one window and gives back
 * {@code returned} it will not spend; {@code blocking} when a request is waiting on the answer (a
 * refusal then counts as the key exceeding its limit).
 */
record LeaseRequest(String keyId, int windowSeconds, long windowStart, long requested, long returned, boolean blocking) {
}
