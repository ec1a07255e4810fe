package dev.paysaga.e2e.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its configuration: its application.properties over service-runtime's shared
 * defaults (for the services built on it), without the %dev/%test profiles.
 */
record ServiceConfig(String service, Map<String, String> properties) {
    private static final Path SHARED = Path.of("service-runtime/src/main/resources/META-INF/microprofile-config.properties");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)(:[^}]*)?}");
    private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost");
    /** Loopback defaults that are harmless because the feature is off unless switched on (and then set). */
    private static final Set<String> SWITCHED_OFF = Set.of("quarkus.otel.exporter.otlp.endpoint");

    static ServiceConfig of(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            String pom = Files.readString(Repository.file(service + "/pom.xml"));
            if (pom.contains("<artifactId>paysaga-service-parent</artifactId>") || pom.contains("<artifactId>service-runtime</artifactId>")) {
                properties.putAll(load(Repository.file(SHARED.toString())));
            }
            properties.putAll(load(Repository.file(service + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceConfig(service, properties);
    }

    /** Topics of the service's incoming Kafka channels (what its consumer group reads). */
    Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                topics.add(value.trim());
            }
        });
        return topics;
    }

    /** Dead-letter topics of its incoming channels: the service writes to them. */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.dead-letter-queue\\.topic")) {
                topics.add(value.trim());
            }
        });
        return topics;
    }

    /** Whether it is built on service-runtime, which reads the merchant keys from Kafka. */
    boolean sharesTheRuntime() {
        return properties.containsKey("kafka.bootstrap.servers");
    }

    /** Environment variables referenced as ${NAME} with no default: the service cannot start without them. */
    Set<String> requiredVariables() {
        Set<String> names = new TreeSet<>();
        properties.values().forEach(value -> {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                if (m.group(2) == null && m.group(1).equals(m.group(1).toUpperCase(Locale.ROOT))
                        && !properties.containsKey(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        });
        return names;
    }

    /**
     * Properties whose value, as shipped, points at the loopback interface: right on a developer's machine, wrong in
     * a pod. Each maps to the environment variables any of which overrides it: the variable a ${VAR:default} names,
     * the property's own environment name, and those of the properties it references.
     */
    Map<String, Set<String>> loopbackDefaults() {
        Map<String, Set<String>> overrides = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (SWITCHED_OFF.contains(key) || isReferenced(key) || !pointsAtLoopback(key, new TreeSet<>())) {
                return;
            }
            Set<String> names = new TreeSet<>();
            names.add(envName(key));
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String default_ = m.group(2) == null ? "" : m.group(2);
                if (LOOPBACK.matcher(default_).find() || pointsAtLoopback(m.group(1), new TreeSet<>())) {
                    names.add(envName(m.group(1))); // overriding it fixes this one; overriding a harmless part does not
                }
            }
            overrides.put(key, names);
        });
        return overrides;
    }

    /** A building block of other properties (paysaga.db.host): what matters is whether they are overridden. */
    private boolean isReferenced(String key) {
        return properties.values().stream().anyMatch(v -> v.contains("${" + key + "}") || v.contains("${" + key + ":"));
    }

    private boolean pointsAtLoopback(String key, Set<String> seen) {
        String value = properties.get(key);
        if (value == null || !seen.add(key)) {
            return false;
        }
        if (LOOPBACK.matcher(value.replaceAll("\\$\\{[^}]*}", "")).find()) {
            return true;
        }
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            String default_ = m.group(2) == null ? "" : m.group(2);
            if (LOOPBACK.matcher(default_).find() || pointsAtLoopback(m.group(1), seen)) {
                return true;
            }
        }
        return false;
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics to _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).sorted()
                .forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }
}
