package dev.paysaga.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.runtime.auth.CurrentCaller;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Idempotency-Key} with Stripe's semantics, for every POST of every service:
 * <ul>
 * <li>same key, same request → the first response, replayed (status and body), the effect once;</li>
 * <li>same key, another request → 422 {@code idempotency_key_reused};</li>
 * <li>same key while the first request still runs → 409 {@code idempotency_key_in_use}.</li>
 * </ul>
 * A success is recorded in the handler's own transaction (the handler's {@code withTransaction}
 * joins ours). A refusal ({@link ApiException}) rolls the effect back and is recorded afterwards,
 * so a retry gets the same refusal; an unexpected failure releases the key so a retry can run.
 */
@ApplicationScoped
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    private static final String CLAIM = """
            insert into idempotency_key (key, fingerprint, status, locked_until)
            values (?1, ?2, 'IN_PROGRESS', now() + ?3 * interval '1 millisecond') on conflict do nothing""";
    private static final String TAKE_OVER = """
            update idempotency_key set locked_until = now() + ?3 * interval '1 millisecond'
             where key = ?1 and fingerprint = ?2 and status = 'IN_PROGRESS' and locked_until < now()""";
    private static final String FIND = """
            select fingerprint, status, response_status, response_body from idempotency_key where key = ?1""";
    private static final String COMPLETE = """
            update idempotency_key set status = 'COMPLETED', response_status = ?2, response_body = ?3 where key = ?1""";
    private static final String RELEASE = "delete from idempotency_key where key = ?1 and status = 'IN_PROGRESS'";

    private final ObjectMapper mapper;
    private final long leaseMillis;
    private final CurrentCaller caller;

    IdempotentRequests(ObjectMapper mapper,
            @ConfigProperty(name = "paysaga.idempotency.lease", defaultValue = "PT60S") Duration lease,
            CurrentCaller caller) {
        this.mapper = mapper;
        this.leaseMillis = lease.toMillis();
        this.caller = caller;
    }

    /**
     * Runs {@code handler} at most once per key. {@code request} identifies what was asked: the
     * method and path plus the parsed body, so whitespace or key order do not make two requests differ.
     */
    public Uni<Response> run(String key, String method, String path, Object request, Supplier<Uni<Response>> handler) {
        if (key == null) {
            return handler.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.invalidRequest(HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String fingerprint = fingerprint(method, path, request);
        String scoped = namespace() + key;
        return Panache.withTransaction(() -> claim(scoped, fingerprint)).chain(claimed -> claimed
                ? execute(scoped, handler)
                : Panache.withSession(() -> find(scoped)).map(existing -> replay(existing, fingerprint)));
    }

    /**
     * Keys are the caller's own, as at Stripe: one merchant (whichever of its keys) cannot meet another's
     * key, so it can neither replay another merchant's answer nor learn that a key was used.
     */
    private String namespace() {
        if (!Arc.container().requestContext().isActive()) {
            return "";
        }
        return caller.find().map(c -> (c.isMerchant() ? c.merchantId() : c.credentialId()) + "/").orElse("");
    }

    private Uni<Response> execute(String key, Supplier<Uni<Response>> handler) {
        return Panache.withTransaction(() -> handler.get().call(response -> complete(key, response.getStatus(),
                        json(response.getEntity()))))
                .onFailure(ApiException.class).call(failure -> {
                    ApiException refusal = (ApiException) failure;
                    Problem problem = Problem.of(refusal.status(), refusal.code(), refusal.getMessage(), refusal.param());
                    return Panache.withTransaction(() -> complete(key, refusal.status(), json(problem)));
                })
                .onFailure(failure -> !(failure instanceof ApiException))
                .call(() -> Panache.withTransaction(() -> session().chain(s -> s.createNativeQuery(RELEASE)
                        .setParameter(1, key).executeUpdate())));
    }

    private Uni<Boolean> claim(String key, String fingerprint) {
        return session().chain(s -> s.createNativeQuery(CLAIM)
                        .setParameter(1, key).setParameter(2, fingerprint).setParameter(3, leaseMillis).executeUpdate())
                .chain(inserted -> inserted == 1 ? Uni.createFrom().item(true)
                        : session().chain(s -> s.createNativeQuery(TAKE_OVER)
                                .setParameter(1, key).setParameter(2, fingerprint).setParameter(3, leaseMillis)
                                .executeUpdate().map(n -> n == 1)));
    }

    private Response replay(Object[] existing, String fingerprint) {
        if (existing == null) {
            // Released by a failed first attempt between our claim and our read: the client may retry.
            throw new ApiException(409, "idempotency_key_in_use", "The first request with this key is being retried; retry");
        }
        if (!fingerprint.equals(existing[0])) {
            throw new ApiException(422, "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request", HEADER);
        }
        if (!"COMPLETED".equals(existing[1])) {
            throw new ApiException(409, "idempotency_key_in_use",
                    "A request with this Idempotency-Key is still being processed", HEADER);
        }
        int status = ((Number) existing[2]).intValue();
        String type = status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON;
        return Response.status(status).type(type).entity(existing[3]).header("Idempotent-Replayed", "true").build();
    }

    private Uni<Object[]> find(String key) {
        return session().chain(s -> s.createNativeQuery(FIND, Object[].class).setParameter(1, key).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private Uni<Integer> complete(String key, int status, String body) {
        return session().chain(s -> s.createNativeQuery(COMPLETE)
                .setParameter(1, key).setParameter(2, status).setParameter(3, body).executeUpdate());
    }

    private static Uni<org.hibernate.reactive.mutiny.Mutiny.Session> session() {
        return Panache.getSession();
    }

    private String fingerprint(String method, String path, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(method, path, json(request))) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass().getName(), e);
        }
    }
}
