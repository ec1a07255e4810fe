package dev.paysaga.runtime.auth;

import dev.paysaga.runtime.api.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every service checks every request itself, whatever the gateway did: {@code /internal} needs the
 * service credential; an operation marked {@link PublicEndpoint} proves its caller otherwise; every other
 * one needs a merchant key holding its {@link RequiresScope} scope, or the platform credential, and an
 * operation without that annotation is for the platform only. An operation marked
 * {@link ClientSecretAccepted} also takes a client secret (a {@link Caller.Kind#CUSTOMER} caller, whose
 * object the operation checks). Fails closed: anything not proven is 401.
 */
public class Authentication {
    public static final String INTERNAL_PREFIX = "/internal/";
    private static final String BEARER = "Bearer ";

    private final AuthConfig config;
    private final ApiKeyDirectory keys;
    private final CurrentCaller current;
    private final Clock clock;
    private final byte[] platformHash;
    private final byte[] serviceToken;
    private final Map<String, byte[]> operatorHashes = new TreeMap<>();

    Authentication(AuthConfig config, ApiKeyDirectory keys, CurrentCaller current) {
        this.config = config;
        this.keys = keys;
        this.current = current;
        this.clock = Clock.systemUTC();
        this.platformHash = config.platformKeySha256().map(h -> h.toLowerCase().getBytes(StandardCharsets.US_ASCII))
                .orElse(null);
        this.serviceToken = config.serviceToken().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        config.operators().forEach((name, operator) ->
                operatorHashes.put(name, operator.sha256().toLowerCase().getBytes(StandardCharsets.US_ASCII)));
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        String token = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (path.startsWith(INTERNAL_PREFIX)) {
            if (token == null || serviceToken == null
                    || !MessageDigest.isEqual(serviceToken, token.getBytes(StandardCharsets.UTF_8))) {
                return refuse(401, "unauthenticated", "This API is for PaySaga's services only", null);
            }
            current.set(Caller.service());
            return Optional.empty();
        }
        if (annotation(resource, PublicEndpoint.class) != null) {
            return Optional.empty();
        }
        Caller caller = token == null ? null : caller(token, resource);
        if (caller == null) {
            return refuse(401, "unauthenticated",
                    "Send a valid API key of this mode as Authorization: Bearer <key>", null);
        }
        RequiresScope scope = annotation(resource, RequiresScope.class);
        if (caller.isMerchant()) {
            if (scope == null) {
                return refuse(403, "permission_denied", "This is a platform operation; merchant keys cannot call it",
                        null);
            }
            if (!caller.scopes().contains(scope.value())) {
                return refuse(403, "permission_denied", "This key lacks the scope " + scope.value(), scope.value());
            }
        }
        current.set(caller);
        return Optional.empty();
    }

    /** The caller this token proves on this operation, or {@code null}. */
    private Caller caller(String token, ResourceInfo resource) {
        if (ClientSecrets.isWellFormed(token)) {
            // Whether the secret is the object's own is the operation's to check: only it loads the object.
            return annotation(resource, ClientSecretAccepted.class) != null ? Caller.customer(ClientSecrets.hash(token))
                    : null;
        }
        if (token.startsWith(PlatformCredential.PREFIX)) {
            byte[] hash = ApiKeys.hash(token).getBytes(StandardCharsets.US_ASCII);
            if (platformHash != null && MessageDigest.isEqual(platformHash, hash)) {
                return Caller.platform();
            }
            return operatorHashes.entrySet().stream()
                    .filter(operator -> MessageDigest.isEqual(operator.getValue(), hash))
                    .map(operator -> Caller.operator(operator.getKey()))
                    .findFirst().orElse(null);
        }
        return ApiKeys.parse(token)
                .filter(parsed -> parsed.mode().equals(config.mode()))
                .flatMap(parsed -> keys.active(ApiKeys.hash(token), clock.instant())
                        .filter(key -> key.mode().equals(parsed.mode()))
                        .map(key -> Caller.merchant(key.merchantId(), key.id(),
                                parsed.kind() == ApiKeys.Kind.SECRET ? java.util.Set.copyOf(Scopes.ALL) : key.scopes())))
                .orElse(null);
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(ResourceInfo resource, Class<A> type) {
        A onMethod = resource.getResourceMethod().getAnnotation(type);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(type);
    }

    private static Optional<Response> refuse(int status, String code, String detail, String param) {
        return Optional.of(Problem.of(status, code, detail, param).toResponse());
    }
}
