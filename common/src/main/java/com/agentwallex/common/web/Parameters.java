package com.agentwallex.common.web;

import com.agentwallex.contract.problem.InvalidParameterException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Values a client sends, read the same way by every API: a bad one is a 400 that names it, never
 * a 500 from the database or the JDK further down.
 */
public final class Parameters {

    /**
     * RFC 3339 years have four digits; java.time reads far larger ones (+300000-01-01), which
     * PostgreSQL cannot store and OffsetDateTime cannot always hold.
     */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    // PostgreSQL keeps microseconds and rounds finer fractions: .9999995 would be stored as year 10000
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Parameters() {
    }

    /** A page size: {@code fallback} when absent, else a whole number from 1 to {@code max}. */
    public static int limit(String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + max);
    }

    /** An RFC 3339 timestamp with any offset (null when absent), as an instant within years 1 to 9999. */
    public static Instant timestamp(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            if (!at.isBefore(EARLIEST) && !at.isAfter(LATEST)) {
                return at;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new InvalidParameterException(name, name + " must be an RFC 3339 timestamp between the years 1 and 9999,"
                + " e.g. 2027-01-31T12:00:00Z");
    }
}
