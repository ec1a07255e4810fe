package dev.paysaga.runtime.ratelimit;

import dev.paysaga.runtime.api.Problem;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every authenticated public request against its limits (after {@code Authentication}, so an
 * unauthenticated flood costs no Redis call) and answers 429 {@code rate_limited} with
 * {@code Retry-After} past them. Every answer carries the IETF {@code RateLimit-Policy} and
 * {@code RateLimit} fields of the bucket closest to its limit.
 */
public class RateLimiting {
    private static final String VERDICT = RateLimiting.class.getName() + ".verdict";
    private final RateLimiter limiter;
    private final RateLimitConfig config;
    private final CurrentCaller current;

    RateLimiting(RateLimiter limiter, RateLimitConfig config, CurrentCaller current) {
        this.limiter = limiter;
        this.config = config;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> limit(ContainerRequestContext request) {
        var caller = current.find();
        // Services are trusted; a customer's client secret gets buckets of its own, as a key does.
        if (!config.enabled() || caller.isEmpty() || caller.get().kind() == Caller.Kind.SERVICE) {
            return Uni.createFrom().nullItem();
        }
        boolean isWrite = !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod());
        return limiter.check(limiter.bucketsOf(caller.get(), isWrite)).map(verdict -> {
            request.setProperty(VERDICT, verdict);
            if (verdict.allowed()) {
                return null;
            }
            long retryAfter = Math.max(1, (verdict.retryAfterMillis() + 999) / 1000);
            return Response.fromResponse(Problem.of(429, "rate_limited", "Too many requests for this key's "
                    + verdict.bucket().name() + " limit; retry after " + retryAfter + " s", null).toResponse())
                    .header("Retry-After", retryAfter).build();
        });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(VERDICT) instanceof RateLimiter.Verdict v) {
            Gcra gcra = v.bucket().gcra();
            response.getHeaders().putSingle("RateLimit-Policy",
                    "\"" + v.bucket().name() + "\";q=" + gcra.burst() + ";w=" + gcra.windowSeconds());
            response.getHeaders().putSingle("RateLimit", "\"" + v.bucket().name() + "\";r=" + v.remaining() + ";t="
                    + Math.max(0, (v.resetMillis() + 999) / 1000));
        }
    }
}
