package dev.paysaga.runtime.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The W3C {@code traceparent} a message is written with: that of the event being applied when a batch
 * of them is (a batch has no span of each record's own), else that of the current span.
 */
final class TraceContext {
    private static final String APPLYING = TraceContext.class.getName() + ".applying";

    private TraceContext() {
    }

    static String currentTraceparent() {
        Context context = Vertx.currentContext();
        String applying = context == null ? null : context.getLocal(APPLYING);
        if (applying != null) {
            return applying;
        }
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** What this context writes from now on continues the trace of {@code event} (none: the current span's). */
    static void applying(IncomingEvent event) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return;
        }
        if (event == null || event.traceparent() == null) {
            context.removeLocal(APPLYING);
        } else {
            context.putLocal(APPLYING, event.traceparent());
        }
    }
}
