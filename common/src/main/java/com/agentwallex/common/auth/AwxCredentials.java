package com.agentwallex.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** What a request presented: an API key or a bearer token (never both), and where it came from. */
public final class AwxCredentials extends BaseAuthenticationRequest {

    private final String apiKey;
    private final String bearerToken;
    private final String clientIp;

    AwxCredentials(String apiKey, String bearerToken, String clientIp) {
        this.apiKey = apiKey;
        this.bearerToken = bearerToken;
        this.clientIp = clientIp;
    }

    /**
     * An API key presented some other way than the X-API-Key header (the {@code subject_token} of an
     * RFC 8693 exchange), to be checked exactly as the header's would be, through
     * {@code IdentityProviderManager}.
     */
    static AwxCredentials apiKey(String key, String clientIp) {
        return new AwxCredentials(key, null, clientIp);
    }

    String apiKey() {
        return apiKey;
    }

    String bearerToken() {
        return bearerToken;
    }

    String clientIp() {
        return clientIp;
    }

    @Override
    public String toString() {
        return apiKey != null ? "AwxCredentials[api key]" : "AwxCredentials[bearer token]";
    }
}
