package dev.paysaga.e2e.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paysaga.e2e.kubernetes.Pods.Pod;

/**
 * A rendering's NetworkPolicies, evaluated as the Kubernetes network model defines them: a pod selected by a policy
 * of a direction accepts in that direction only what one of those policies' rules allows, and a connection needs
 * both the sender's egress and the receiver's ingress. ipBlock peers stand for addresses outside the cluster, so
 * they never match a pod here.
 */
record NetworkPolicies(List<JsonNode> policies, Pods pods) {

    static NetworkPolicies of(Rendering rendering) {
        return new NetworkPolicies(rendering.ofKind("NetworkPolicy").map(JsonNode.class::cast).toList(), Pods.of(rendering));
    }

    /** Whether {@code from} may open a TCP connection to {@code to} on {@code port}. */
    boolean allows(Pod from, Pod to, int port) {
        return allowed(from, "Egress", "egress", "to", to, port) && allowed(to, "Ingress", "ingress", "from", from, port);
    }

    /** Whether any rule lets {@code pod} reach the outside world (an ipBlock peer) on TCP {@code port}. */
    boolean allowsOutsideEgress(Pod pod) {
        return governing(pod, "Egress").stream().anyMatch(policy -> {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                if (rule.path("to").isEmpty()) {
                    return true;
                }
                for (JsonNode peer : rule.path("to")) {
                    if (peer.has("ipBlock")) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private boolean allowed(Pod pod, String type, String direction, String peers, Pod peer, int port) {
        if (!pod.namespace().equals(pods.namespace())) {
            return true; // these policies govern only PaySaga's namespace
        }
        List<JsonNode> governing = governing(pod, type);
        if (governing.isEmpty()) {
            return true; // not isolated in this direction
        }
        Pod portOwner = direction.equals("egress") ? peer : pod;
        for (JsonNode policy : governing) {
            for (JsonNode rule : policy.path("spec").path(direction)) {
                if (portMatches(rule.path("ports"), portOwner, port) && peerMatches(rule.path(peers), peer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<JsonNode> governing(Pod pod, String type) {
        return policies.stream()
                .filter(p -> Selectors.matches(p.path("spec").path("podSelector"), pod.labels()))
                .filter(p -> policyTypes(p).contains(type)).toList();
    }

    /** Kubernetes' default: Ingress always, Egress if the policy has egress rules. */
    private static List<String> policyTypes(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            return StreamSupport.stream(types.spliterator(), false).map(JsonNode::asText).toList();
        }
        return policy.path("spec").has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private boolean peerMatches(JsonNode peers, Pod peer) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true; // no peers: everyone
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                continue;
            }
            boolean namespaceOk = p.has("namespaceSelector")
                    ? Selectors.matches(p.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", peer.namespace()))
                    : peer.namespace().equals(pods.namespace());
            boolean podOk = !p.has("podSelector") || Selectors.matches(p.path("podSelector"), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, Pod owner, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true; // no ports: all of them
        }
        for (JsonNode p : ports) {
            if (!p.path("protocol").asText("TCP").equals("TCP")) {
                continue;
            }
            if (!p.has("port")) {
                return true;
            }
            Optional<Integer> first = p.path("port").isInt() ? Optional.of(p.path("port").asInt()) : owner.port(p.path("port").asText());
            int last = p.has("endPort") ? p.path("endPort").asInt() : first.orElse(-1);
            if (first.isPresent() && first.get() <= port && port <= last) {
                return true;
            }
        }
        return false;
    }
}
