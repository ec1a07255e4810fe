package dev.paysaga.e2e.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.e2e.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting rules (deploy/monitoring/alerts.yml) through promtool, as deploy/monitoring/test-rules.sh runs it:
 * valid, and each alert firing and staying quiet as alerts.test.yml says; the dashboard's queries valid PromQL.
 * promtool is Debian's prometheus package, which deploy/local/require-tools.sh installs (test.sh runs it first).
 */
class AlertRulesTest {
    @Test
    void theRulesAreValid() {
        Promtool.run(Monitoring.DIR, "check", "rules", "alerts.yml");
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsUnitTestsSay() {
        Promtool.run(Monitoring.DIR, "test", "rules", "alerts.test.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertIsTestedBothFiringAndNotFiring() {
        Map<String, Object> tests = (Map<String, Object>) Monitoring.yaml(Monitoring.DIR.resolve("alerts.test.yml"));
        List<Map<String, Object>> cases = ((List<Map<String, Object>>) tests.get("tests")).stream()
                .flatMap(test -> ((List<Map<String, Object>>) test.get("alert_rule_test")).stream()).toList();
        for (String alert : Monitoring.alertExpressions().keySet()) {
            Set<Boolean> firing = cases.stream().filter(c -> alert.equals(c.get("alertname")))
                    .map(c -> !((List<?>) c.get("exp_alerts")).isEmpty()).collect(Collectors.toSet());
            assertEquals(Set.of(true, false), firing, alert + ": tested firing (true) and not firing (false)");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasASeveritySummaryDescriptionAndARunbookInDocsAlertsMd() throws IOException {
        List<String> headings = Files.readAllLines(Suite.ROOT.resolve("docs/alerts.md")).stream()
                .filter(line -> line.startsWith("### ")).map(line -> line.substring(4).strip()).toList();
        for (Map<String, Object> group : Monitoring.alertGroups()) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                Map<String, String> labels = (Map<String, String>) rule.get("labels");
                Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
                assertTrue(Set.of("critical", "warning").contains(labels.get("severity")), alert + " severity");
                assertFalse(annotations.getOrDefault("summary", "").isBlank(), alert + " summary");
                assertFalse(annotations.getOrDefault("description", "").isBlank(), alert + " description");
                // GitHub's anchor of a heading "### PaySagaX" is its lower-cased text.
                assertEquals("docs/alerts.md#" + alert.toLowerCase(), annotations.get("runbook_url"), alert);
                assertTrue(headings.contains(alert), "docs/alerts.md has no heading ### " + alert);
            }
        }
    }

    @Test
    void serviceDownWatchesEveryServiceOfTheList() {
        Matcher jobs = Pattern.compile("up\\{job=~\"([^\"]+)\"}")
                .matcher(Monitoring.alertExpressions().get("PaySagaServiceDown"));
        assertTrue(jobs.find());
        assertEquals(Suite.PORTS.keySet().stream().filter(name -> !name.equals("channel-sandbox")).sorted().toList(),
                List.of(jobs.group(1).split("\\|")).stream().sorted().toList(), "deploy/services.txt without the sandbox");
    }

    /** Each query as a recording rule: promtool parses it as Prometheus would. */
    @Test
    void theDashboardsQueriesAreValidPromQL(@TempDir Path dir) throws IOException {
        List<String> expressions = Monitoring.dashboardExpressions();
        assertFalse(expressions.isEmpty());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(dir.resolve("dashboard.yml"), rules);
        Promtool.run(dir, "check", "rules", "dashboard.yml");
    }

    @Test
    void metricNamesAreWhatAQuerySelects() {
        assertEquals(Set.of("foo_total", "bar_seconds_bucket", "up"), Monitoring.metricNames(
                "histogram_quantile(0.99, sum by (job, le) (rate(bar_seconds_bucket{le!=\"+Inf\", a=~\"x|y\"}[5m])))"
                        + " > 2 and on (job, instance) (up offset 15m) or sum without (instance) (increase(foo_total[1h])) > bool 0"));
        assertTrue(Monitoring.metricNamesUsed().containsAll(Set.of("paysaga_sagas_needing_attention",
                "paysaga_saga_duration_seconds_bucket", "kafka_consumer_fetch_manager_records_lag", "up")));
    }
}
