package dev.paysaga.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.e2e.Suite;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/monitoring as the tests read it: the alerting rules and the dashboard's queries, and the metric names
 * their PromQL uses.
 */
final class Monitoring {
    static final Path DIR = Suite.ROOT.resolve("deploy/monitoring");
    static final Path ALERTS = DIR.resolve("alerts.yml");
    static final Path DASHBOARD = DIR.resolve("grafana/paysaga-dashboard.json");

    /** A selector: a name not followed by "(" (a function) nor inside another name. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w:$.])[a-zA-Z_:][\\w:]*(?![\\w:]|\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool");

    private Monitoring() {
    }

    /** alerts.yml's {@code groups}, as parsed YAML. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertGroups() {
        return (List<Map<String, Object>>) ((Map<String, Object>) yaml(ALERTS)).get("groups");
    }

    /** Every alert's expression, by alert name. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertExpressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Map<String, Object> group : alertGroups()) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return expressions;
    }

    /** Every query of the dashboard's panels, with Grafana's {@code $__rate_interval} as a fixed range. */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        try {
            JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.add(target.path("expr").asText().replace("$__rate_interval", "5m"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    /** The metric names the alerts and the dashboard select, sorted. */
    static Set<String> metricNamesUsed() {
        Set<String> names = new TreeSet<>();
        alertExpressions().values().forEach(expr -> names.addAll(metricNames(expr)));
        dashboardExpressions().forEach(expr -> names.addAll(metricNames(expr)));
        return names;
    }

    /** The metric names one PromQL expression selects (not functions, labels, durations or keywords). */
    static Set<String> metricNames(String expr) {
        String selectors = expr
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", "") // label matchers
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "") // label lists
                .replaceAll("\\[[^]]*]", ""); // ranges
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(selectors);
        while (matcher.find()) {
            if (!KEYWORDS.contains(matcher.group())) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    static Object yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
