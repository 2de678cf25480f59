package com.agentwallex.apikey.core;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.contract.apikey.ApiKeyFormat;
import com.agentwallex.contract.apikey.ApiKeyFormat.Environment;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Makes new keys, for create and rotate alike: the plaintext goes to the caller, the hash to the row. */
@ApplicationScoped
public class KeyMinter {

    public record Minted(ApiKeyEntity entity, String plaintext) {
    }

    private final KeyHasher hasher;
    private final ApiKeyConfig config;

    KeyMinter(KeyHasher hasher, ApiKeyConfig config) {
        this.hasher = hasher;
        this.config = config;
    }

    public Minted mint(Caller caller, Environment environment, Instant now) {
        String plaintext = ApiKeyFormat.generate(environment);
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = "key_" + UUID.randomUUID().toString().replace("-", "");
        key.orgId = caller.orgId();
        key.plan = caller.plan();
        key.environment = environment.wireName();
        key.keyHash = hasher.hash(plaintext);
        key.maskedKey = ApiKeyFormat.mask(plaintext);
        key.createdBy = caller.userId();
        key.createdAt = now;
        key.rotationDueAt = now.plus(config.rotation().period());
        key.ipAllowlist = new String[0];
        return new Minted(key, plaintext);
    }

    /** Key ids are {@code key_} and 32 hex digits; anything else cannot name a key. */
    public static boolean isKeyId(String id) {
        return id != null && id.length() == 36 && id.startsWith("key_")
                && id.chars().skip(4).allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
