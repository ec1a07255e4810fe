package dev.paysaga.runtime.api;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * PostgreSQL cannot store the character U+0000 in text or jsonb: a request carrying one would fail deep in a
 * transaction. It is refused at the door instead — 400 {@code invalid_request} —, in a URL's path or query
 * (percent-encoded {@code %00}, as any other control character) and in a JSON body (the escape backslash-u0000; a
 * raw control character inside a JSON string is already invalid JSON).
 */
@Provider
@PreMatching
@ConstrainedTo(RuntimeType.SERVER)
public class NulRefusal implements ContainerRequestFilter, ReaderInterceptor {
    /** A percent-encoded C0 control character or DEL (raw ones never get past the HTTP parser). */
    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (ENCODED_CONTROL.matcher(path).find() || (query != null && ENCODED_CONTROL.matcher(query).find())) {
            throw ApiException.invalidRequest(null, "The URL must not contain control characters");
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (escapesNul(body)) {
            throw ApiException.invalidRequest(null, "Text must not contain the NUL character (\\u0000)");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Whether JSON text holds the escape backslash-u0000 (a backslash that is itself escaped does not count). */
    static boolean escapesNul(byte[] json) {
        int backslashes = 0;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\\') {
                backslashes++;
                continue;
            }
            if (backslashes % 2 == 1 && json[i] == 'u' && i + 4 < json.length
                    && json[i + 1] == '0' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0') {
                return true;
            }
            backslashes = 0;
        }
        return false;
    }
}
