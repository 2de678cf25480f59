package com.agentwallex.audit.integrity;

import static org.awaitility.Awaitility.await;

import com.agentwallex.audit.support.AuditApi;
import com.agentwallex.audit.support.ChainReader;
import com.agentwallex.audit.support.TestEvents;
import com.agentwallex.audit.support.TestKafka;
import com.agentwallex.audit.verifier.AuditLogVerifier;
import com.agentwallex.audit.verifier.VerificationReport;
import com.agentwallex.contract.events.AuthEvent;
import com.agentwallex.common.testing.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** An organization's log as a tenant sees it: events through Kafka, export and integrity through the API. */
public final class IntegrityFixture {

    static final String EXPORT = "/api/v1/audit-logs/export";
    static final String INTEGRITY = "/api/v1/audit-logs/integrity";
    static final String JWKS = "/api/v1/audit-logs/jwks";

    private IntegrityFixture() {
    }

    /** A new organization with {@code n} events stored (seq 1..n). */
    static String orgWith(int n) {
        String org = TestEvents.newOrg();
        for (int from = 0; from < n; from += 10_000) {
            List<AuthEvent> events = IntStream.range(from, Math.min(n, from + 10_000)).mapToObj(i -> TestEvents.event(org)).toList();
            TestKafka.publish(events);
        }
        await().atMost(Duration.ofSeconds(120)).until(() ->
                !ChainReader.after(Tokens.forOrg(org), n - 1, Map.of("limit", 1)).isEmpty());
        return org;
    }

    /** Signs every chain head that moved, as the minute's job does (tests sign when they choose to). */
    public static void signCheckpoints() {
        io.quarkus.arc.Arc.container().instance(IntegrityService.class).get().checkpoint();
    }

    public static String export(String org) {
        return AuditApi.as(Tokens.forOrg(org)).get(EXPORT).then().statusCode(200).extract().asString();
    }

    /** The tenant's own check: the export against the checkpoints and the published keys. */
    public static VerificationReport verify(String org, String export) {
        try {
            return AuditLogVerifier.verify(new BufferedReader(new StringReader(export)),
                    ChainReader.read(AuditApi.as(Tokens.forOrg(org)).queryParam("links", "false").get(INTEGRITY)
                            .then().statusCode(200).extract().asString()),
                    ChainReader.read(io.restassured.RestAssured.get(JWKS).then().statusCode(200).extract().asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
