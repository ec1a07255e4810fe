package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The public API's Ingress (each overlay) and the Gateway API alternative route requests exactly as deploy/routes.txt
 * says: checked by where they send a set of request paths (every route, what lies below it, look-alikes beside it,
 * and /internal, /q, /admin), so that the table and the routes cannot drift apart however the routes are spelt.
 */
class PublicRoutesTest {
    private static final String RENDERINGS = "dev.paysaga.e2e.kubernetes.Rendering#all";
    private static final List<String> NEVER_ROUTED = List.of("/internal", "/internal/v1/statements/alipay/2026-01-01",
            "/q", "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/admin", "/admin/x", "/", "/v1", "/v1/x");

    /** Where a request path goes: the backend's service and port (a name or a number). */
    record Backend(String service, String port) {
    }

    /** One path rule of an Ingress or HTTPRoute: how it matches, its precedence among matches, its backend. */
    record Rule(String path, Predicate<String> matches, Comparator<Rule> order, Backend backend) {
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void theIngressRoutesAsTheTable(Rendering rendering) {
        List<Rule> rules = rendering.ofKind("Ingress").flatMap(PublicRoutesTest::ingressRules).toList();
        assertFalse(rules.isEmpty(), rendering + " has no Ingress path");
        assertRoutesAsTheTable(rendering + " Ingress", rules, rendering);
    }

    @Test
    void theGatewayApiRoutesAsTheTable() throws IOException {
        List<Rule> rules = gatewayApiObjects().stream().filter(o -> o.path("kind").asText().equals("HTTPRoute"))
                .flatMap(PublicRoutesTest::httpRouteRules).toList();
        assertFalse(rules.isEmpty(), "deploy/k8s/gateway-api has no HTTPRoute rule");
        assertRoutesAsTheTable("HTTPRoute", rules, Rendering.of("prod"));
    }

    /** The Gateway API component's objects are validated like the renderings' (it is an optional component). */
    @Test
    void theGatewayApiObjectsMatchTheirSchemas() throws IOException {
        assertAll(gatewayApiObjects().stream().map(object -> () -> {
            List<String> problems = RenderedObjectsValidTest.problems(object);
            assertTrue(problems.isEmpty(), "deploy/k8s/gateway-api " + Rendering.id(object) + ": " + problems);
        }));
    }

    private static void assertRoutesAsTheTable(String what, List<Rule> rules, Rendering rendering) {
        List<String> paths = new ArrayList<>(NEVER_ROUTED);
        for (String route : Repository.routes().keySet()) {
            String path = route.replace("*", "p_1");
            paths.addAll(List.of(path, path + "/", path + "/x", path + "/x/y", path + "/x/stream", path + "X", path + "X/y",
                    path + "/internal/x"));
        }
        assertAll(paths.stream().distinct().map(path -> () -> {
            Optional<String> expected = serviceOf(path);
            Optional<Backend> actual = route(rules, path);
            assertEquals(expected, actual.map(Backend::service), what + " sends " + path);
            actual.ifPresent(backend -> assertTrue(isHttpPort(rendering, backend),
                    what + " sends " + path + " to port " + backend.port() + " of " + backend.service() + ", not its http port"));
        }));
    }

    /** deploy/routes.txt's semantics: a route covers itself and what lies below; '*' is one segment; the longest wins. */
    static Optional<String> serviceOf(String path) {
        return Repository.routes().entrySet().stream().filter(route -> covers(route.getKey(), path))
                .max(Comparator.comparingInt(route -> route.getKey().split("/").length)).map(Map.Entry::getValue);
    }

    private static boolean covers(String route, String path) {
        String[] r = route.split("/");
        String[] p = path.split("/", -1);
        if (p.length < r.length) {
            return false;
        }
        for (int i = 0; i < r.length; i++) {
            if (!(r[i].equals("*") ? !p[i].isEmpty() : r[i].equals(p[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The backend of the first matching rule in precedence order; two rules of equal precedence must agree. */
    private static Optional<Backend> route(List<Rule> rules, String path) {
        List<Rule> matching = rules.stream().filter(rule -> rule.matches().test(path)).toList();
        Optional<Rule> first = matching.stream().min((a, b) -> a.order().compare(a, b));
        first.ifPresent(best -> matching.stream().filter(rule -> best.order().compare(best, rule) == 0)
                .filter(rule -> !rule.backend().equals(best.backend())).findAny().ifPresent(rival -> {
                    throw new AssertionError(path + " matches '" + best.path() + "' (" + best.backend().service() + ") and '"
                            + rival.path() + "' (" + rival.backend().service() + ") of equal precedence: which wins is up to the implementation");
                }));
        return first.map(Rule::backend);
    }

    private static boolean isHttpPort(Rendering rendering, Backend backend) {
        JsonNode service = rendering.find("Service", backend.service()).orElse(null);
        if (service == null) {
            return false;
        }
        for (JsonNode port : service.path("spec").path("ports")) {
            if (port.path("name").asText().equals("http") && (backend.port().equals("http") || backend.port().equals(port.path("port").asText()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * ingress-nginx: with use-regex every path of the host is a case-insensitive regular expression anchored at the
     * start; the longest path is tried first.
     */
    private static Stream<Rule> ingressRules(JsonNode ingress) {
        boolean regex = ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/use-regex").asText().equals("true");
        Comparator<Rule> longestFirst = Comparator.comparingInt((Rule r) -> r.path().length()).reversed();
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode p : rule.path("http").path("paths")) {
                String path = p.path("path").asText();
                JsonNode service = p.path("backend").path("service");
                Backend backend = new Backend(service.path("name").asText(),
                        service.path("port").has("name") ? service.path("port").path("name").asText() : service.path("port").path("number").asText());
                Predicate<String> matches = switch (p.path("pathType").asText()) {
                    case "Exact" -> regex ? regex(path) : path::equals;
                    case "Prefix" -> regex ? regex(path) : request -> covers(path.replaceAll("/$", ""), request);
                    default -> regex ? regex(path) : request -> request.startsWith(path);
                };
                rules.add(new Rule(path, matches, longestFirst, backend));
            }
        }
        return rules.stream();
    }

    private static Predicate<String> regex(String path) {
        Pattern pattern = Pattern.compile(path.startsWith("^") ? path : "^" + path, Pattern.CASE_INSENSITIVE);
        return request -> pattern.matcher(request).find();
    }

    /**
     * Gateway API: PathPrefix matches whole segments and Exact the whole path; among matches Exact wins, then
     * RegularExpression (whose precedence the specification leaves to the implementation: Envoy Gateway, the class
     * the Gateway names, puts it before prefixes), then the longest prefix. Two matching regular expressions have
     * no defined order, so they must lead to the same backend.
     */
    private static Stream<Rule> httpRouteRules(JsonNode route) {
        List<String> types = List.of("Exact", "RegularExpression", "PathPrefix");
        Comparator<Rule> order = Comparator.comparingInt((Rule r) -> types.indexOf(r.path().split(" ", 2)[0]))
                .thenComparing(Comparator.comparingInt((Rule r) -> r.path().startsWith("RegularExpression") ? 0 : r.path().length()).reversed());
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : route.path("spec").path("rules")) {
            assertEquals(1, rule.path("backendRefs").size(), Rendering.id(route) + ": one backend per rule");
            JsonNode ref = rule.path("backendRefs").get(0);
            Backend backend = new Backend(ref.path("name").asText(), ref.path("port").asText());
            for (JsonNode match : rule.path("matches")) {
                String type = match.path("path").path("type").asText("PathPrefix");
                String value = match.path("path").path("value").asText("/");
                Predicate<String> matches = switch (type) {
                    case "Exact" -> value::equals;
                    case "RegularExpression" -> request -> Pattern.compile(value).matcher(request).matches();
                    default -> request -> value.equals("/") || covers(value.replaceAll("/$", ""), request);
                };
                rules.add(new Rule(type + " " + value, matches, order, backend));
            }
        }
        return rules.stream();
    }

    static List<JsonNode> gatewayApiObjects() throws IOException {
        return List.copyOf(GatewayApiComponent.resources());
    }
}
