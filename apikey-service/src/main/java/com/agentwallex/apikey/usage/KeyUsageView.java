package com.agentwallex.apikey.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A key's uses: per UTC day and outcome ({@code success} or the refusal's verify code) for the last
 * 90 days, newest first; and the client addresses that used it successfully since
 * {@code clients_since} (for a rotated key: since its rotation, so the deployments still sending
 * the old key are named; otherwise the last 24 hours).
 */
@Schema(requiredProperties = {"key_id", "from", "to", "days", "clients_since", "clients"})
public record KeyUsageView(String keyId, LocalDate from, LocalDate to, List<Day> days, Instant clientsSince,
                           List<Client> clients) {

    @Schema(name = "KeyUsageDay", requiredProperties = {"date", "outcome", "count"})
    public record Day(LocalDate date, String outcome, long count) {
    }

    @Schema(name = "KeyUsageClient", requiredProperties = {"count", "last_used_at"})
    public record Client(String clientIp, long count, Instant lastUsedAt) {
    }
}
