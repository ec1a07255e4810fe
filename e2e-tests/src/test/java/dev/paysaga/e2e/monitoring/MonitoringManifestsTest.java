package dev.paysaga.e2e.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.paysaga.e2e.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s/base/monitoring holds copies of deploy/monitoring (deploy/monitoring/generate.sh writes them): the
 * PrometheusRule's groups are alerts.yml's, the dashboard ConfigMap's file is the dashboard, and there is a
 * ServiceMonitor for every service of deploy/services.txt.
 */
class MonitoringManifestsTest {
    private static final Path K8S = Suite.ROOT.resolve("deploy/k8s/base/monitoring");
    private static final String REGENERATE = ": run deploy/monitoring/generate.sh";

    @Test
    @SuppressWarnings("unchecked")
    void thePrometheusRuleHoldsTheAlertingRules() {
        Map<String, Object> rule = (Map<String, Object>) Monitoring.yaml(K8S.resolve("prometheusrule.yaml"));
        assertEquals("PrometheusRule", rule.get("kind"));
        assertEquals(Monitoring.alertGroups(), ((Map<String, Object>) rule.get("spec")).get("groups"), "groups" + REGENERATE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardConfigMapIsGeneratedFromTheDashboard() throws IOException {
        assertArrayEquals(Files.readAllBytes(Monitoring.DASHBOARD), Files.readAllBytes(K8S.resolve("paysaga-dashboard.json")),
                "paysaga-dashboard.json" + REGENERATE);
        Map<String, Object> kustomization = (Map<String, Object>) Monitoring.yaml(K8S.resolve("kustomization.yaml"));
        Map<String, Object> generator = ((List<Map<String, Object>>) kustomization.get("configMapGenerator")).get(0);
        assertEquals(List.of("paysaga-dashboard.json"), generator.get("files"));
        assertEquals("1", ((Map<String, Object>) ((Map<String, Object>) generator.get("options")).get("labels"))
                .get("grafana_dashboard"), "the label Grafana's dashboard sidecar looks for");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAServiceMonitorOnItsHttpPortsMetrics() throws IOException {
        List<String> services = Suite.PORTS.keySet().stream().filter(name -> !name.equals("channel-sandbox")).toList();
        List<String> monitored = new ArrayList<>();
        try (InputStream in = Files.newInputStream(K8S.resolve("servicemonitors.yaml"))) {
            for (Object document : new Yaml().loadAll(in)) {
                Map<String, Object> monitor = (Map<String, Object>) document;
                String name = (String) ((Map<String, Object>) monitor.get("metadata")).get("name");
                Map<String, Object> spec = (Map<String, Object>) monitor.get("spec");
                assertEquals("ServiceMonitor", monitor.get("kind"));
                assertEquals(Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "paysaga"),
                        ((Map<String, Object>) spec.get("selector")).get("matchLabels"), name);
                Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
                assertEquals("http", endpoint.get("port"), name);
                assertEquals("/q/metrics", endpoint.get("path"), name);
                monitored.add(name);
            }
        }
        assertEquals(services.stream().sorted().toList(), monitored.stream().sorted().toList(), "monitored" + REGENERATE);
    }

    @Test
    void theKustomizationRendersWhereKubectlIsInstalled() throws Exception {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no kubectl here");
            return;
        }
        String output = new String(kubectl.getInputStream().readAllBytes());
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finished");
        assertEquals(0, kubectl.exitValue(), output);
        long monitors = output.lines().filter(line -> line.equals("kind: ServiceMonitor")).count();
        assertEquals(Suite.PORTS.size() - 1, monitors, output);
    }
}
