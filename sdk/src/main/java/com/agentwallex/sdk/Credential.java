package com.agentwallex.sdk;

import java.net.http.HttpRequest;

/** What a request carries to say who calls: an API key, a session's access token, or nothing. */
interface Credential {

    Credential NONE = new Credential() {
        @Override
        public void authorize(HttpRequest.Builder request) {
            // the token endpoints and the sign-in need none
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    void authorize(HttpRequest.Builder request);

    static Credential apiKey(String key, Environment environment) {
        return new ApiKey(key, environment);
    }

    /** An API key: what agent tokens are made from. */
    final class ApiKey implements Credential {
        private final String key;
        private final Environment environment;

        private ApiKey(String key, Environment environment) {
            this.key = key;
            this.environment = environment;
        }

        @Override
        public void authorize(HttpRequest.Builder request) {
            request.header("X-API-Key", key);
        }

        @Override
        public String toString() {
            return "API key (" + environment.wireName() + ")";
        }
    }

    static Credential session(TokenSession session) {
        return new Credential() {
            @Override
            public void authorize(HttpRequest.Builder request) {
                request.header("Authorization", "Bearer " + session.accessToken());
            }

            @Override
            public String toString() {
                return "access token of a signed-in session";
            }
        };
    }
}
