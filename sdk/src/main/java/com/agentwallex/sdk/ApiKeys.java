package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/api-keys}: managing keys takes a signed-in user's access token
 * ({@link AgentWallex#withSession(TokenSession)}); an API key is not accepted here.
 * Creations and rotations always carry an {@code Idempotency-Key}, so a retry after a lost answer
 * gets the same key back rather than a second one.
 */
public final class ApiKeys {

    private static final JavaType KEY = Json.type(ApiKey.class);
    private static final JavaType PAGE = Json.type(KeyPage.class);
    private static final JavaType USAGE = Json.type(KeyUsage.class);
    private static final JavaType POLICY = Json.type(KeyPolicy.class);
    private static final String POLICY_PATH = "/api/v1/api-key-policy";
    private static final int PAGE_SIZE = 100;

    record KeyPage(List<ApiKey> data, Boolean hasMore) {
    }

    record Rotation(Long gracePeriodSeconds) {
    }

    record PolicyChange(boolean rotationHardExpiry) {
    }

    private final Transport transport;
    private final Credential credential;

    ApiKeys(Transport transport, Credential credential) {
        this.transport = transport;
        this.credential = credential;
    }

    /** Creates a key; the answer holds the full key, once. A fresh Idempotency-Key guards the call's own retries. */
    public ApiKey create(NewApiKey key) {
        return create(key, null);
    }

    /**
     * The same with your own Idempotency-Key, to retry across processes: the same key within 24 h
     * returns the first answer; with a different request it is a 409 ({@link InvalidRequestException}).
     */
    public ApiKey create(NewApiKey key, String idempotencyKey) {
        return transport.send(Transport.Call.post("/api/v1/api-keys", key).idempotent(idempotencyKey), credential, KEY);
    }

    /** Every key of the organization, newest first, fetched a page at a time as you iterate. */
    public Paginated<ApiKey> list() {
        return list(PAGE_SIZE);
    }

    /** The same, {@code pageSize} keys per request. */
    public Paginated<ApiKey> list(int pageSize) {
        return new Paginated<>(after -> {
            KeyPage page = transport.send(Transport.Call.get("/api/v1/api-keys",
                    Transport.query("limit", String.valueOf(pageSize), "starting_after", after)), credential, PAGE);
            List<ApiKey> data = page.data() == null ? List.of() : page.data();
            boolean more = Boolean.TRUE.equals(page.hasMore()) && !data.isEmpty();
            return new Paginated.Page<>(data, more ? data.get(data.size() - 1).id() : null);
        });
    }

    public ApiKey get(String id) {
        return transport.send(Transport.Call.get(path(id), Map.of()), credential, KEY);
    }

    public ApiKey update(String id, ApiKeyChanges changes) {
        return transport.send(new Transport.Call("PATCH", path(id), Map.of(), changes), credential, KEY);
    }

    /** A new key for this one, with the server's default grace (24 h) during which the old key still works. */
    public ApiKey rotate(String id) {
        return rotate(id, null, null);
    }

    /**
     * With a grace of your choosing; {@link Duration#ZERO} ends the old key at once. The API counts
     * whole seconds: a grace with a fraction is rounded up, never down to "at once".
     */
    public ApiKey rotate(String id, Duration grace) {
        return rotate(id, grace, null);
    }

    public ApiKey rotate(String id, Duration grace, String idempotencyKey) {
        Rotation body = new Rotation(grace == null ? null : wholeSecondsUp(grace));
        return transport.send(Transport.Call.post(path(id) + "/rotate", body).idempotent(idempotencyKey), credential, KEY);
    }

    private static long wholeSecondsUp(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("a rotation's grace cannot be negative: " + grace);
        }
        return grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0);
    }

    /** The key's calls per day and outcome for 90 days, and the addresses using it (since its rotation, for a rotated key). */
    public KeyUsage usage(String id) {
        return transport.send(Transport.Call.get(path(id) + "/usage", Map.of()), credential, USAGE);
    }

    /** Revokes the key: it fails everywhere within seconds. */
    public void revoke(String id) {
        transport.send(Transport.Call.delete(path(id)), credential, null);
    }

    /** The organization's rotation rule for its keys. */
    public KeyPolicy policy() {
        return transport.send(Transport.Call.get(POLICY_PATH, Map.of()), credential, POLICY);
    }

    /** Makes the rotation period a hard expiry (keys past it stop working), or only a flag again. */
    public KeyPolicy updatePolicy(boolean rotationHardExpiry) {
        return transport.send(new Transport.Call("PUT", POLICY_PATH, Map.of(), new PolicyChange(rotationHardExpiry)),
                credential, POLICY);
    }

    private static String path(String id) {
        return "/api/v1/api-keys/" + Transport.enc(id);
    }
}
