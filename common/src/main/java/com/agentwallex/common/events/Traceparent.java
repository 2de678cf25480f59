package com.agentwallex.common.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of the span this thread is in, for an event's {@code traceparent}
 * member, so the stored audit row leads back to the request's trace. Null outside any trace (a
 * scheduled job, tracing off): the member is optional and an invented trace would mislead.
 */
public final class Traceparent {

    private static final String VERSION = "00";

    private Traceparent() {
    }

    /** {@code 00-<trace id>-<span id>-<flags>} of the current span, or null when there is none. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    static String of(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return VERSION + "-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
