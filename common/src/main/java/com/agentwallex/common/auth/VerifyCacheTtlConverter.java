package com.agentwallex.common.auth;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A verify cache's lifetime, refused at start above {@link #MAX}. An accepted key stays accepted in a
 * cache that has not heard of its revocation (Kafka away) for as long as this lifetime, and two caches
 * stand in a row: apikey-service's and the calling service's. So an agent token can be made from an
 * ended key up to twice this long after its end, and every service voids such tokens for exactly that
 * long ({@code RevokedKeys.STALE_ANSWERS}); a longer lifetime would let one pass.
 */
public final class VerifyCacheTtlConverter implements Converter<Duration> {

    public static final Duration MAX = Duration.ofMinutes(1);

    @Override
    public Duration convert(String value) {
        Duration ttl = DurationConverter.parseDuration(value);
        if (ttl == null || ttl.isNegative() || ttl.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a verify cache lives from 0 to " + MAX.toSeconds()
                    + " s (agent tokens of a revoked key are voided for twice that long); got " + value.strip());
        }
        return ttl;
    }
}
