package com.agentwallex.common.web;

import com.agentwallex.common.crypto.Sha256;
import com.agentwallex.contract.problem.ApiException;
import java.security.MessageDigest;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Who may call an internal endpoint: services holding one of the configured credentials, sent as a
 * Bearer token. Digests are compared in constant time, and every configured one is checked, so
 * neither the match nor its position leaks through timing. Several are accepted so they can be
 * rotated.
 */
public final class ServiceCredentials {

    private static final Logger LOG = Logger.getLogger(ServiceCredentials.class);
    static final int MIN_LENGTH = 32;

    private final List<byte[]> digests;

    /**
     * @param property the configuration property they come from, for the messages
     * @throws IllegalStateException when one is too short to be a secret
     */
    public ServiceCredentials(List<String> configured, String property) {
        List<String> credentials = configured.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String credential : credentials) {
            if (credential.length() < MIN_LENGTH) {
                throw new IllegalStateException(property + ": each credential needs at least " + MIN_LENGTH + " characters");
            }
        }
        if (credentials.isEmpty()) {
            LOG.warnf("no %s configured: every call that needs one will be refused", property);
        }
        this.digests = credentials.stream().map(Sha256::of).toList();
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
