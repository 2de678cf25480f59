package com.agentwallex.examples;

import com.agentwallex.sdk.AgentWallex;
import com.agentwallex.sdk.AgentWallexException;
import com.agentwallex.sdk.AuditEvent;
import com.agentwallex.sdk.AuditLogQuery;
import com.agentwallex.sdk.AuthenticationException;
import com.agentwallex.sdk.Caller;
import com.agentwallex.sdk.InvalidApiKeyException;
import com.agentwallex.sdk.PermissionException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * What an AI agent does first with its AgentWallex key: load it from the environment (never from
 * code), make sure it works, and look at what happened with it lately.
 *
 * <pre>
 * export AGENTWALLEX_API_KEY=awx_production_...      # a key with the audit:read scope
 * export AGENTWALLEX_BASE_URL=http://127.0.0.1:8080  # only against a local stack
 * mvn -q install -DskipTests -pl sdk/examples -am && mvn -q -pl sdk/examples exec:java
 * </pre>
 */
public final class RecentAuditEvents {

    private RecentAuditEvents() {
    }

    public static void main(String[] args) {
        AgentWallex awx;
        try {
            // checks the key's format, checksum and declared environment before anything is sent
            awx = AgentWallex.fromEnvironment();
        } catch (InvalidApiKeyException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(awx, System.out, System.err));
    }

    /** Prints who the key is and its organization's audit events of the last 24 hours, newest first; the exit status. */
    public static int run(AgentWallex awx, PrintStream out, PrintStream err) {
        try {
            Caller me = awx.me();
            out.printf("API key %s (%s, scopes %s) of organization %s%n", me.apiKey().id(),
                    me.apiKey().environment().wireName(), me.apiKey().scopes(), me.organization().id());

            AuditLogQuery lastDay = AuditLogQuery.all().from(Instant.now().minus(Duration.ofDays(1)));
            // pages are fetched as the stream reaches them: stopping at 20 fetches no more
            awx.auditLogs().list(lastDay).stream().limit(20).forEach(event -> out.println(line(event)));
            return 0;
        } catch (AuthenticationException e) {
            err.println("The API does not accept this key (revoked, expired, or for another environment): " + e.getMessage());
            return 1;
        } catch (PermissionException e) {
            err.println("This key may not read the audit log: give it the audit:read scope. " + e.getMessage());
            return 1;
        } catch (AgentWallexException e) {
            err.println("AgentWallex is not answering as it should: " + e.getMessage());
            return 1;
        }
    }

    private static String line(AuditEvent event) {
        return String.format("%s  %-28s %-7s %s %s", event.time(), event.type(), event.outcome(),
                event.actor() == null ? "" : event.actor().type() + ":" + event.actor().id(),
                event.reason() == null ? "" : "(" + event.reason() + ")");
    }
}
