package com.agentwallex.contract.events;

import com.agentwallex.contract.WireNamed;
import java.util.Optional;

/**
 * The audit vocabulary (SPEC §3). Wire names are explicit so that renaming a constant can never
 * change what is on the topic.
 */
public enum AuthEventType implements WireNamed {
    LOGIN_SUCCEEDED("auth.login.succeeded"),
    LOGIN_FAILED("auth.login.failed"),
    TOKEN_EXCHANGED("auth.token.exchanged"),
    TOKEN_EXCHANGE_FAILED("auth.token.exchange_failed"),
    TOKEN_REFRESHED("auth.token.refreshed"),
    TOKEN_REFRESH_FAILED("auth.token.refresh_failed"),
    TOKEN_REUSE_DETECTED("auth.token.reuse_detected"),
    SESSION_LOGGED_OUT("auth.session.logged_out"),
    SESSION_REVOKED("auth.session.revoked"),
    AGENT_TOKEN_ISSUED("auth.agent_token.issued"),
    ORGANIZATION_PLAN_CHANGED("auth.organization.plan_changed"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_ROTATED("api_key.rotated"),
    API_KEY_REVOKED("api_key.revoked"),
    API_KEY_UPDATED("api_key.updated"),
    API_KEY_LEAKED("api_key.leaked"),
    API_KEY_VERIFICATION_FAILED("api_key.verification_failed"),
    API_KEY_USED("api_key.used"),
    ACCESS_DENIED("access.denied"),
    AUDIT_EXPORTED("audit.exported"),
    RATE_LIMIT_EXCEEDED("rate_limit.exceeded");

    private final String wireName;

    AuthEventType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<AuthEventType> fromWireName(String wireName) {
        return WireNamed.lookup(AuthEventType.class, wireName);
    }

    /**
     * The one {@code source} that may emit this type: {@code auth.*} comes from auth-service only,
     * {@code api_key.*} from apikey-service only, {@code audit.*} from audit-service only. Empty for
     * the types every AgentWallex service emits ({@code access.denied}, {@code rate_limit.exceeded}).
     */
    public Optional<String> soleSource() {
        if (wireName.startsWith("auth.")) {
            return Optional.of("auth-service");
        }
        if (wireName.startsWith("api_key.")) {
            return Optional.of("apikey-service");
        }
        if (wireName.startsWith("audit.")) {
            return Optional.of("audit-service");
        }
        return Optional.empty();
    }

    /** Whether an event of this type may claim {@code source}. */
    public boolean mayComeFrom(String source) {
        return soleSource().map(source::equals).orElse(true);
    }
}
