package com.agentwallex.apikey.verification;

import com.agentwallex.apikey.ApiKeyConfig;
import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.common.web.ApiException;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Who may ask verify: services holding one of the configured credentials, sent as a Bearer token.
 * Digests are compared in constant time, and every configured one is checked, so neither the
 * match nor its position leaks through timing. Several are accepted so they can be rotated.
 */
@Singleton
public class ServiceCredentials {

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
        this.digests = configured.stream().map(Sha256::of).toList();
    }

    /**
     * @param what the endpoint, for the refusal's detail
     * @throws ApiException 401 unless the Authorization header holds a configured credential
     */
    public void require(String authorization, String what) {
        if (!accepts(authorization)) {
            throw new ApiException(401, "unauthenticated", "Unauthenticated",
                    what + " needs a service credential as a Bearer token.");
        }
    }

    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() > 512) {
            return false;
        }
        byte[] presented = Sha256.of(authorization.substring(7).strip());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }


}
