package com.agentwallex.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceparentTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_ID = "b7ad6b7169203331";

    @Test
    void insideASpanItIsTheW3cFormOfThatSpanAndTheCodecAcceptsIt() {
        SpanContext context = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
        Scope scope = Span.wrap(context).makeCurrent();
        try {
            assertThat(Traceparent.current()).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        } finally {
            scope.close();
        }
    }

    @Test
    void anUnsampledSpanKeepsItsFlags() {
        SpanContext context = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getDefault(), TraceState.getDefault());
        assertThat(Traceparent.of(context)).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-00");
    }

    @Test
    void outsideAnyTraceThereIsNone() {
        assertThat(Traceparent.current()).isNull();
    }
}
