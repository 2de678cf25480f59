package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.ApiKeyConfig;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Who may ask verify: services holding one of the configured credentials, sent as a Bearer token.
 * Digests are compared in constant time, and every configured one is checked, so neither the
 * match nor its position leaks through timing. Several are accepted so they can be rotated.
 */
@Singleton
class ServiceCredentials {

    private static final Logger LOG = Logger.getLogger(ServiceCredentials.class);
    static final int MIN_LENGTH = 32;

    private final List<byte[]> digests;

    ServiceCredentials(ApiKeyConfig config) {
        List<String> configured = config.verify().serviceCredentials().orElse(List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String credential : configured) {
            if (credential.length() < MIN_LENGTH) {
                throw new IllegalStateException("awx.apikey.verify.service-credentials: each credential needs at least "
                        + MIN_LENGTH + " characters");
            }
        }
        if (configured.isEmpty()) {
            LOG.warn("no awx.apikey.verify.service-credentials configured: every verify call will be refused");
        }
        this.digests = configured.stream().map(ServiceCredentials::digest).toList();
    }

    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() > 512) {
            return false;
        }
        byte[] presented = digest(authorization.substring(7).strip());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] digest(String credential) {
        return SHA256.get().digest(credential.getBytes(StandardCharsets.UTF_8));
    }
}
