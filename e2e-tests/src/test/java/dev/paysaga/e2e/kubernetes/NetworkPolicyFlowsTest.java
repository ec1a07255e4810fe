package dev.paysaga.e2e.kubernetes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paysaga.e2e.kubernetes.Pods.Pod;
import dev.paysaga.e2e.kubernetes.Pods.Role;

/**
 * The NetworkPolicies allow exactly the flows PaySaga uses. The flows a service needs are read from its container's
 * configuration (every URL and Kafka bootstrap address that names a Service of the rendering), plus the ingress
 * controller to the services of deploy/routes.txt, Prometheus to every service (the sandbox aside) and to whatever a
 * ServiceMonitor/PodMonitor scrapes, KEDA to the brokers its Kafka triggers ask, and DNS. Every other connection to or from a service's pods, and every
 * connection to the client ports of Redis, PostgreSQL and Kafka, must be denied. The infrastructure's flows among
 * its own pods and with its operator (replication, the operators' agents) are left to the operators' documentation.
 */
class NetworkPolicyFlowsTest {
    private static final String RENDERINGS = "dev.paysaga.e2e.kubernetes.Rendering#all";
    /** scheme://host[:port], and the bare host:port lists Kafka takes. */
    private static final Pattern URL = Pattern.compile("(?:([a-z]+):)?//([a-z0-9.-]+)(?::(\\d+))?");
    private static final Pattern HOST_PORT = Pattern.compile("^([a-z0-9.-]+):(\\d+)$");
    /** Services that reach outside the cluster: the payment channels, and merchants' webhook endpoints. */
    private static final Set<String> OUTSIDE_CALLERS = Set.of("channel-router-service", "notification-service");

    record Flow(Pod from, Pod to, int port, String why) {
        String key() {
            return from + " -> " + to + ":" + port;
        }
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void everyFlowPaySagaUsesIsAllowed(Rendering rendering) {
        NetworkPolicies policies = NetworkPolicies.of(rendering);
        List<Flow> flows = required(rendering, policies.pods());
        assertTrue(flows.size() > rendering.services().size(), "too few flows found to be believable: " + flows);
        assertAll(flows.stream().map(f -> () -> assertTrue(policies.allows(f.from(), f.to(), f.port()),
                rendering + ": denied " + f.key() + " (" + f.why() + ")")));
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void nothingElseReachesOrLeavesTheServicesOrTheirInfrastructure(Rendering rendering) {
        NetworkPolicies policies = NetworkPolicies.of(rendering);
        Pods pods = policies.pods();
        Set<String> required = required(rendering, pods).stream().map(Flow::key).collect(Collectors.toSet());
        Set<String> extra = new TreeSet<>();
        for (Pod from : pods.all()) {
            for (Pod to : pods.all()) {
                if (from.group().equals(to.group()) && from.namespace().equals(to.namespace())) {
                    continue; // a workload's or a cluster's own pods
                }
                for (int port : new TreeSet<>(to.ports().values())) {
                    Flow flow = new Flow(from, to, port, "");
                    if (inScope(from, to, port, rendering) && policies.allows(from, to, port) && !required.contains(flow.key())) {
                        extra.add(flow.key());
                    }
                }
            }
        }
        assertTrue(extra.isEmpty(), rendering + ": allowed though nothing uses it: " + extra);
    }

    /**
     * deploy/k8s/gateway-api is a component an overlay may add: it removes the Ingresses and adds the Gateway, the
     * HTTPRoutes and a NetworkPolicy. The same two checks hold for prod with it, composed here as kustomize would.
     */
    @Test
    void withTheGatewayApiComponentTheGatewayTakesTheIngressControllersPlace() throws IOException {
        Rendering withGateway = GatewayApiComponent.applyTo(Rendering.of("prod"));
        assertTrue(required(withGateway, Pods.of(withGateway)).stream().anyMatch(f -> f.from().name().equals("gateway-proxy")),
                "the HTTPRoutes route to no service");
        everyFlowPaySagaUsesIsAllowed(withGateway);
        nothingElseReachesOrLeavesTheServicesOrTheirInfrastructure(withGateway);
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void aDefaultDenyCoversEveryPod(Rendering rendering) {
        assertTrue(rendering.ofKind("NetworkPolicy").anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("policyTypes").toString().contains("Ingress") && p.path("spec").path("policyTypes").toString().contains("Egress")
                && p.path("spec").path("ingress").isEmpty() && p.path("spec").path("egress").isEmpty()),
                rendering + ": no default-deny NetworkPolicy (empty podSelector, both policy types, no rules)");
    }

    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void onlyTheServicesThatMustReachOutsideTheCluster(Rendering rendering) {
        NetworkPolicies policies = NetworkPolicies.of(rendering);
        Set<String> reaching = policies.pods().inNamespace().stream().filter(policies::allowsOutsideEgress).map(Pod::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unexpected = new TreeSet<>(reaching);
        unexpected.removeAll(OUTSIDE_CALLERS);
        unexpected.removeIf(name -> policies.pods().inNamespace().stream()
                .anyMatch(p -> p.name().equals(name) && (p.role() == Role.POSTGRES || p.role() == Role.KAFKA_ENTITY_OPERATOR)));
        assertTrue(unexpected.isEmpty(), rendering + ": may reach outside the cluster without needing to: " + unexpected
                + " (the Kubernetes API is needed only by CloudNativePG's instances and Strimzi's entity operator)");
        if (rendering.isProd()) {
            assertTrue(reaching.containsAll(OUTSIDE_CALLERS), "prod: " + OUTSIDE_CALLERS + " must reach the channels and merchants: " + reaching);
        }
    }

    /**
     * "Outside" must not include the cluster's own addresses (whatever its pod and service ranges are) nor the cloud
     * metadata endpoint: merchants choose webhook URLs, so an open egress would let them aim PaySaga at both.
     */
    @ParameterizedTest
    @MethodSource(RENDERINGS)
    void outsideMeansThePublicInternet(Rendering rendering) {
        List<String> mustExcept = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        Pods pods = Pods.of(rendering);
        assertAll(rendering.ofKind("NetworkPolicy")
                .filter(policy -> pods.inNamespace().stream().anyMatch(p -> p.role() == Role.SERVICE
                        && Selectors.matches(policy.path("spec").path("podSelector"), p.labels())))
                .flatMap(policy -> StreamSupport.stream(policy.path("spec").path("egress").spliterator(), false)
                        .flatMap(rule -> StreamSupport.stream(rule.path("to").spliterator(), false))
                        .filter(peer -> peer.has("ipBlock"))
                        .map(peer -> () -> {
                            Set<String> except = new TreeSet<>();
                            peer.path("ipBlock").path("except").forEach(e -> except.add(e.asText()));
                            assertTrue(except.containsAll(mustExcept), rendering + " " + Rendering.id(policy) + ": ipBlock "
                                    + peer.path("ipBlock").path("cidr").asText() + " should except " + mustExcept + " but excepts " + except);
                        })));
    }

    /** The flows a check of "nothing else" covers: any touching a service, and any to a client port of the infrastructure. */
    private static boolean inScope(Pod from, Pod to, int port, Rendering rendering) {
        if (from.role() == Role.SERVICE || to.role() == Role.SERVICE) {
            return true;
        }
        return switch (to.role()) {
            case WORKLOAD -> true; // Redis
            case POSTGRES -> port == 5432 && !from.namespace().equals("cnpg-system");
            case KAFKA -> kafkaClientPorts(rendering).contains(port) && !from.group().equals(to.group()) && !from.namespace().equals("strimzi");
            default -> false;
        };
    }

    private static Set<Integer> kafkaClientPorts(Rendering rendering) {
        Set<Integer> ports = new TreeSet<>();
        rendering.ofKind("Kafka").forEach(k -> k.path("spec").path("kafka").path("listeners").forEach(l -> ports.add(l.path("port").asInt())));
        return ports;
    }

    static List<Flow> required(Rendering rendering, Pods pods) {
        List<Flow> flows = new ArrayList<>();
        // The public traffic comes from whichever edge the rendering routes with.
        Set<String> ingressBackends = backends(rendering, "Ingress");
        Set<String> gatewayBackends = backends(rendering, "HTTPRoute");
        for (Pod pod : pods.inNamespace()) {
            if (pod.role() != Role.SERVICE) {
                continue;
            }
            Workload w = Workload.deployment(rendering, pod.name()).orElseThrow();
            flows.add(new Flow(pod, pods.outside("coredns"), 53, "DNS"));
            w.environment(w.mainContainer()).values().forEach(var -> var.value().ifPresent(value ->
                    endpoints(value).forEach(endpoint -> resolve(rendering, pods, endpoint[0], endpoint[1]).forEach(target ->
                            flows.add(new Flow(pod, target.pod(), target.port(), var.name() + "=" + value))))));
            if (ingressBackends.contains(pod.name())) {
                flows.add(new Flow(pods.outside("ingress-controller"), pod, pod.port("http").orElseThrow(), "an Ingress routes to it"));
            }
            if (gatewayBackends.contains(pod.name())) {
                flows.add(new Flow(pods.outside("gateway-proxy"), pod, pod.port("http").orElseThrow(), "an HTTPRoute routes to it"));
            }
            if (!pod.name().equals(Rendering.SANDBOX)) {
                flows.add(new Flow(pods.outside("prometheus"), pod, pod.port("http").orElseThrow(), "Prometheus scrapes every service's /q/metrics"));
            }
        }
        scraped(rendering, pods).forEach(target -> flows.add(new Flow(pods.outside("prometheus"), target.pod(), target.port(), "scraped")));
        rendering.ofKind("ScaledObject").forEach(so -> so.path("spec").path("triggers").forEach(trigger -> {
            for (String[] endpoint : endpoints(trigger.path("metadata").path("bootstrapServers").asText())) {
                resolve(rendering, pods, endpoint[0], endpoint[1]).forEach(target ->
                        flows.add(new Flow(pods.outside("keda-operator"), target.pod(), target.port(), Rendering.id(so) + " lag")));
            }
        }));
        return flows.stream().filter(f -> f.from() != f.to()).toList();
    }

    record Target(Pod pod, int port) {
    }

    /** The Services the rendering's Ingresses or HTTPRoutes send requests to. */
    private static Set<String> backends(Rendering rendering, String kind) {
        Set<String> services = new TreeSet<>();
        rendering.ofKind(kind).forEach(o -> o.findValues("backend").forEach(b -> services.add(b.path("service").path("name").asText())));
        rendering.ofKind(kind).forEach(o -> o.findValues("backendRefs").forEach(refs -> refs.forEach(r -> services.add(r.path("name").asText()))));
        return services;
    }

    /** host and port (possibly empty, then the scheme's) of every address in a configuration value. */
    private static List<String[]> endpoints(String value) {
        List<String[]> endpoints = new ArrayList<>();
        for (String part : value.split(",")) {
            Matcher hostPort = HOST_PORT.matcher(part.strip());
            if (hostPort.matches()) {
                endpoints.add(new String[] {hostPort.group(1), hostPort.group(2)});
                continue;
            }
            Matcher url = URL.matcher(part);
            while (url.find()) {
                String port = url.group(3) != null ? url.group(3) : switch (String.valueOf(url.group(1))) {
                    case "https" -> "443";
                    case "redis" -> "6379";
                    case "postgresql" -> "5432";
                    default -> "80";
                };
                endpoints.add(new String[] {url.group(2), port});
            }
        }
        return endpoints;
    }

    /** The pods behind a host name of the rendering's namespace and the port they receive on; none for outside hosts. */
    private static List<Target> resolve(Rendering rendering, Pods pods, String host, String port) {
        String name = host;
        if (host.contains(".")) {
            String rest = host.substring(host.indexOf('.') + 1);
            if (!(rest.equals(pods.namespace()) || rest.startsWith(pods.namespace() + ".") || rest.startsWith("svc"))) {
                return List.of(); // another namespace or the internet
            }
            name = host.substring(0, host.indexOf('.'));
        }
        int number = Integer.parseInt(port);
        List<Target> targets = new ArrayList<>();
        Optional<? extends JsonNode> service = rendering.find("Service", name);
        if (service.isPresent()) {
            JsonNode selector = service.get().path("spec").path("selector");
            for (JsonNode p : service.get().path("spec").path("ports")) {
                if (p.path("port").asInt() == number) {
                    String targetPort = p.path("targetPort").asText(p.path("port").asText());
                    pods.inNamespace().stream().filter(pod -> Selectors.equalityMatches(selector, pod.labels()))
                            .forEach(pod -> pod.port(targetPort).ifPresent(n -> targets.add(new Target(pod, n))));
                }
            }
            return targets;
        }
        // Services the operators create: <kafka>-kafka-bootstrap and <cluster>-rw/-ro/-r.
        for (Pod pod : pods.inNamespace()) {
            boolean kafka = pod.role() == Role.KAFKA && name.equals(pod.group() + "-kafka-bootstrap")
                    && "true".equals(pod.labels().get("strimzi.io/broker-role"));
            boolean postgres = pod.role() == Role.POSTGRES && name.matches(Pattern.quote(pod.group()) + "-(rw|ro|r)");
            if ((kafka || postgres) && pod.port(port).isPresent()) {
                targets.add(new Target(pod, number));
            }
        }
        return targets;
    }

    /** What Prometheus scrapes: the pods behind ServiceMonitors' Services, and PodMonitors' pods. */
    private static List<Target> scraped(Rendering rendering, Pods pods) {
        List<Target> targets = new ArrayList<>();
        rendering.ofKind("ServiceMonitor").forEach(monitor -> rendering.ofKind("Service")
                .filter(s -> Selectors.matches(monitor.path("spec").path("selector"), Selectors.labels(s.path("metadata").path("labels"))))
                .forEach(s -> monitor.path("spec").path("endpoints").forEach(endpoint -> s.path("spec").path("ports").forEach(p -> {
                    if (p.path("name").asText().equals(endpoint.path("port").asText())) {
                        String targetPort = p.path("targetPort").asText(p.path("port").asText());
                        pods.inNamespace().stream().filter(pod -> Selectors.equalityMatches(s.path("spec").path("selector"), pod.labels()))
                                .forEach(pod -> pod.port(targetPort).ifPresent(n -> targets.add(new Target(pod, n))));
                    }
                }))));
        rendering.ofKind("PodMonitor").forEach(monitor -> pods.inNamespace().stream()
                .filter(pod -> Selectors.matches(monitor.path("spec").path("selector"), pod.labels()))
                .forEach(pod -> monitor.path("spec").path("podMetricsEndpoints").forEach(endpoint ->
                        pod.port(endpoint.path("port").asText()).ifPresent(n -> targets.add(new Target(pod, n))))));
        return targets;
    }
}
