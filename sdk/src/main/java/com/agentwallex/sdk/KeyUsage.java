package com.agentwallex.sdk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A key's calls per UTC day and outcome ({@code success}, or the refusal: {@code revoked},
 * {@code ip_not_allowed}, …) for the last 90 days, and the client addresses that used it since
 * {@code clientsSince}: for a rotated key, since the rotation, so you see which deployments still
 * send the old key.
 */
public record KeyUsage(String keyId, String from, String to, List<Day> days, Instant clientsSince, List<Client> clients) {

    public record Day(String date, String outcome, long count) {
        public LocalDate day() {
            return LocalDate.parse(date);
        }
    }

    public record Client(String clientIp, long count, Instant lastUsedAt) {
    }
}
