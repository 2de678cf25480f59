package com.agentwallex.sdk;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The AgentWallex API from Java. With a key in {@code AGENTWALLEX_API_KEY}:
 *
 * <pre>{@code
 * AgentWallex awx = AgentWallex.fromEnvironment();
 * for (AuditEvent e : awx.auditLogs().list()) { ... }
 * }</pre>
 *
 * A key is checked when the client is built, before anything is sent: its format and checksum,
 * and its environment against the one declared ({@code AGENTWALLEX_ENVIRONMENT} or
 * {@link Builder#environment(Environment)}). Instances are immutable and thread-safe; share one.
 */
public final class AgentWallex {

    /** The variables {@link #fromEnvironment()} reads. */
    public static final String API_KEY_VARIABLE = "AGENTWALLEX_API_KEY";
    public static final String BASE_URL_VARIABLE = "AGENTWALLEX_BASE_URL";
    public static final String ENVIRONMENT_VARIABLE = "AGENTWALLEX_ENVIRONMENT";

    private static final JavaType CALLER = Json.type(Caller.class);
    private static final JavaType AGENT_TOKEN = Json.type(AgentToken.Answer.class);
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final Transport transport;
    private final Credential credential;
    private final Clock clock;

    private AgentWallex(Transport transport, Credential credential, Clock clock) {
        this.transport = transport;
        this.credential = credential;
        this.clock = clock;
    }

    /**
     * A client for the key in {@code AGENTWALLEX_API_KEY}, at {@code AGENTWALLEX_BASE_URL} if set
     * (else the public API of the key's environment), refusing a key of another environment than
     * {@code AGENTWALLEX_ENVIRONMENT} when that is set.
     *
     * @throws InvalidApiKeyException when the key is missing, malformed or of the wrong environment
     */
    public static AgentWallex fromEnvironment() {
        return builder().environmentVariables(System.getenv()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code /api/v1/api-keys}; needs a signed-in user ({@link #withSession(TokenSession)}). */
    public ApiKeys apiKeys() {
        return new ApiKeys(transport, credential());
    }

    /** {@code /api/v1/audit-logs}; an API key needs {@code audit:read}. */
    public AuditLogs auditLogs() {
        return new AuditLogs(transport, credential());
    }

    /** {@code /api/v1/auth/sessions}; needs a signed-in user. */
    public Sessions sessions() {
        return new Sessions(transport, credential());
    }

    /** Who the API takes this client's credential to be ({@code GET /api/v1/auth/me}): a quick check that a key works. */
    public Caller me() {
        return transport.send(Transport.Call.get("/api/v1/auth/me", Map.of()), credential(), CALLER);
    }

    /**
     * A token of at most 15 minutes for an agent, made from this client's API key (RFC 8693 token
     * exchange at {@code POST /api/v1/auth/token}): {@code scopes} narrow the key's (empty: all of
     * them), {@code ttl} is capped by the server (and by the key's own expiry). The agent gets the
     * token, never the key; revoking the key ends the token within seconds.
     *
     * @throws InvalidRequestException when a scope is not one of the key's ({@code invalid_scope})
     */
    public AgentToken agentToken(Collection<String> scopes, Duration ttl) {
        if (!(credential instanceof Credential.ApiKey)) {
            throw new IllegalStateException("Agent tokens are made from an API key: build this client with one.");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE);
        if (!scopes.isEmpty()) {
            form.put("scope", String.join(" ", scopes));
        }
        if (ttl != null) {
            form.put("expires_in", Long.toString(Math.max(1, ttl.toSeconds())));
        }
        Instant asked = clock.instant();
        AgentToken.Answer answer = transport.send(Transport.Call.form("/api/v1/auth/token", form), credential,
                AGENT_TOKEN);
        return answer.at(asked);
    }

    /** The sign-in helpers for a web back end; they need no credential. */
    public SignIn signIn() {
        return new SignIn(transport, clock);
    }

    /** The same client calling as the signed-in user of {@code session} (Bearer), refreshing as needed. */
    public AgentWallex withSession(TokenSession session) {
        return new AgentWallex(transport, Credential.session(Objects.requireNonNull(session, "session")), clock);
    }

    public URI baseUrl() {
        return transport.base();
    }

    private Credential credential() {
        if (credential == Credential.NONE) {
            throw new IllegalStateException("This client has no credential: build it with an API key, "
                    + "or call withSession(...) with a signed-in user's session.");
        }
        return credential;
    }

    @Override
    public String toString() {
        return "AgentWallex[" + transport.base() + ", " + credential + "]";
    }

    /** Explicit settings; every one optional but the credential for resource calls. */
    public static final class Builder {

        private String apiKey;
        private Environment environment;
        private URI baseUrl;
        private HttpClient httpClient;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration timeout = Duration.ofSeconds(30);
        private Transport.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * An {@code awx_sandbox_…} or {@code awx_production_…} key; checked by {@link #build()}. Surrounding
         * whitespace (a secret file's final newline) is dropped, as from {@code AGENTWALLEX_API_KEY}.
         */
        public Builder apiKey(String key) {
            this.apiKey = key == null ? null : key.strip();
            return this;
        }

        /** The environment this program is meant for: a key of the other one is refused before any request. */
        public Builder environment(Environment declared) {
            this.environment = declared;
            return this;
        }

        /** Another API than the public one of the key's environment, e.g. {@code http://127.0.0.1:8080} locally. */
        public Builder baseUrl(String url) {
            this.baseUrl = URI.create(url);
            return this;
        }

        /** Your own HttpClient (proxy, TLS, executor, instrumentation). By default one of the SDK's own. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How long one attempt may take, from sending to the end of the answer (default 30 s). */
        public Builder timeout(Duration perAttempt) {
            this.timeout = Objects.requireNonNull(perAttempt, "perAttempt");
            return this;
        }

        /**
         * Takes the settings {@link AgentWallex#fromEnvironment()} reads from these variables instead
         * of the process environment (a configuration system that hands you a map, a test):
         * {@code AGENTWALLEX_API_KEY}, {@code AGENTWALLEX_BASE_URL}, {@code AGENTWALLEX_ENVIRONMENT}.
         */
        public Builder environmentVariables(Map<String, String> variables) {
            String key = variables.get(API_KEY_VARIABLE);
            if (key == null || key.isBlank()) {
                throw new InvalidApiKeyException(InvalidApiKeyException.Reason.MISSING,
                        API_KEY_VARIABLE + " is not set: export your AgentWallex API key (awx_sandbox_… or awx_production_…) in it.");
            }
            apiKey(key);
            String url = variables.get(BASE_URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                baseUrl(url.strip());
            }
            String declared = variables.get(ENVIRONMENT_VARIABLE);
            if (declared != null && !declared.isBlank()) {
                environment(Environment.fromWireName(declared).orElseThrow(() -> new IllegalArgumentException(
                        ENVIRONMENT_VARIABLE + " must be sandbox or production, not " + declared.strip())));
            }
            return this;
        }

        Builder sleeper(Transport.Sleeper replacement) {
            this.sleeper = replacement;
            return this;
        }

        Builder clock(Clock replacement) {
            this.clock = replacement;
            return this;
        }

        /** @throws InvalidApiKeyException when a key was given that is malformed or of the wrong environment */
        public AgentWallex build() {
            Credential credential = Credential.NONE;
            Environment target = environment;
            if (apiKey != null) {
                Environment ofKey = KeyFormat.environmentOf(apiKey);
                if (environment != null && environment != ofKey) {
                    throw new InvalidApiKeyException(InvalidApiKeyException.Reason.WRONG_ENVIRONMENT,
                            "The API key is a " + ofKey.wireName() + " key, but this client was declared for "
                                    + environment.wireName() + ": use a " + environment.wireName() + " key, or declare "
                                    + ofKey.wireName() + ".");
                }
                credential = Credential.apiKey(apiKey, ofKey);
                target = ofKey;
            }
            URI base = baseUrl != null ? baseUrl
                    : URI.create((target == null ? Environment.PRODUCTION : target).defaultBaseUrl());
            HttpClient http = httpClient != null ? httpClient
                    : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            return new AgentWallex(new Transport(http, base, retry, timeout, sleeper), credential, clock);
        }

        @Override
        public String toString() {
            return "AgentWallex.Builder[" + (apiKey == null ? "no API key" : "API key set") + "]";
        }
    }
}
