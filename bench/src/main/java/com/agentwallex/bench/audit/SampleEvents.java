package com.agentwallex.bench.audit;

import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.contract.events.AuthEvent.Actor;
import com.agentwallex.contract.events.AuthEvent.ActorType;
import com.agentwallex.contract.events.AuthEvent.Data;
import com.agentwallex.contract.events.AuthEvent.Outcome;
import com.agentwallex.contract.events.AuthEvent.Resource;
import com.agentwallex.contract.events.AuthEventType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Realistically sized events (about 630 bytes of JSON): every optional field is filled, so
 * the benchmark pays for the full row, not a best case. The bulk loader's SQL mirrors this shape.
 */
final class SampleEvents {

    static final String SOURCE = "https://auth.agentwallex.local";
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Safari/537.36";
    static final String DETAILS_JSON = "{\"method\": \"password\", \"mfa\": \"totp\"}";
    private static final Map<String, Object> DETAILS = Map.of("method", "password", "mfa", "totp");
    private static final HexFormat HEX = HexFormat.of();
    private static final AuthEventType[] TYPES = {
        AuthEventType.LOGIN_SUCCEEDED, AuthEventType.TOKEN_REFRESHED, AuthEventType.API_KEY_USED,
        AuthEventType.LOGIN_FAILED};

    private SampleEvents() {
    }

    static String org(int i) {
        return i < 10 ? "org_0" + i : "org_" + i;
    }

    /** The 17 inserted columns of audit_event, in the service's order (details as JSON text). */
    static Object[] columns(AuthEvent e) {
        Data d = e.data();
        return new Object[] {e.id(), OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC), d.orgId(),
            e.type().wireName(), e.source(), e.subject(), d.actor().type().wireName(), d.actor().id(),
            d.outcome().wireName(), d.reason(), d.clientIp(), d.userAgent(), d.requestId(),
            d.resource() == null ? null : d.resource().type(), d.resource() == null ? null : d.resource().id(),
            DETAILS_JSON, e.traceparent()};
    }

    /** Event {@code i} of the run, spread round-robin over {@code orgs} organizations, stamped now. */
    static AuthEvent event(int i, int orgs) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        AuthEventType type = TYPES[i % TYPES.length];
        boolean failed = type == AuthEventType.LOGIN_FAILED;
        String user = "usr_" + (i % 500);
        Data data = new Data(org(i % orgs), new Actor(ActorType.USER, user),
                failed ? Outcome.FAILURE : Outcome.SUCCESS, failed ? "invalid_credentials" : null,
                "203.0.113." + (i % 250), USER_AGENT, "req_" + Long.toHexString(r.nextLong()),
                type == AuthEventType.API_KEY_USED ? new Resource("api_key", "key_" + (i % 50)) : null, DETAILS);
        String traceparent = "00-" + HEX.toHexDigits(r.nextLong()) + HEX.toHexDigits(r.nextLong()) + "-"
                + HEX.toHexDigits(r.nextLong()) + "-01";
        return AuthEvent.create(type.soleSource().orElse(SOURCE), type, traceparent, data);
    }
}
