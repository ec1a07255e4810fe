package dev.paysaga.runtime.api;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The gateway's request id (X-Request-Id, sanitised there) on everything a request leaves behind: its
 * log lines ({@code request_id} in the MDC, printed by the log format) and its server span, so a
 * merchant's id finds the trace and the logs.
 */
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final AttributeKey<List<String>> SPAN_ATTRIBUTE = AttributeKey.stringArrayKey("http.request.header.x-request-id");

    @ServerRequestFilter
    public void tag(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null) {
            // Quarkus keeps the MDC in the request's own Vert.x context: it follows the request, never the thread.
            MDC.put(MDC_KEY, id);
            Span.current().setAttribute(SPAN_ATTRIBUTE, List.of(id));
        }
    }
}
