package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so this keeps it consistent with
 * deploy/services.txt and deploy/topics.txt, the lists every other platform is built from.
 * Plain JUnit: no processes, no infrastructure.
 */
class ComposeFileTest {

    /** Compose services that are infrastructure rather than entries of services.txt. */
    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "kafka-topics", "postgres", "redis", "channel-keys");
    private static final String DOCKERFILE = "deploy/docker/Dockerfile.jvm";

    record Service(String name, int port, String db) {
        boolean hasDatabase() {
            return db != null;
        }
    }

    private static Path root;
    private static List<Service> services;
    private static Map<String, Map<String, Object>> compose;

    @BeforeAll
    static void load() throws IOException {
        root = Suite.ROOT;
        services = lines(root.resolve("deploy/services.txt")).stream()
                .map(cols -> new Service(cols[0], Integer.parseInt(cols[1]), "-".equals(cols[2]) ? null : cols[2]))
                .toList();
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> file = new Yaml().load(reader);
            compose = cast(file.get("services"));
        }
        assertNotNull(compose, "docker-compose.yml has no services section");
    }

    @Test
    void everyServiceIsPresent() {
        forEachService(s -> () -> assertTrue(compose.containsKey(s.name()),
                "docker-compose.yml lacks service " + s.name()));
    }

    @Test
    void noUnknownServices() {
        Set<String> known = services.stream().map(Service::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(compose.keySet());
        unknown.removeAll(known);
        unknown.removeAll(INFRASTRUCTURE);
        assertTrue(unknown.isEmpty(), "compose services not in deploy/services.txt: " + unknown);
    }

    @Test
    void portsArePublishedOneToOne() {
        forEachService(s -> () -> {
            List<String> ports = strings(service(s).get("ports"));
            assertTrue(ports.contains(s.port() + ":" + s.port()),
                    s.name() + ".ports should publish \"" + s.port() + ":" + s.port() + "\" but is " + ports);
        });
    }

    @Test
    void httpPortMatches() {
        forEachService(s -> () -> assertEquals(String.valueOf(s.port()), env(s).get("QUARKUS_HTTP_PORT"),
                s.name() + ".environment.QUARKUS_HTTP_PORT"));
    }

    @Test
    void healthcheckProbesReadinessOnThePort() {
        forEachService(s -> () -> {
            Map<String, Object> healthcheck = cast(service(s).get("healthcheck"));
            assertNotNull(healthcheck, s.name() + " has no healthcheck");
            String test = String.join(" ", strings(healthcheck.get("test")));
            assertTrue(test.contains(":" + s.port() + "/q/health/ready"),
                    s.name() + ".healthcheck.test should probe :" + s.port() + "/q/health/ready but is: " + test);
        });
    }

    @Test
    void servicesBuildFromTheSharedDockerfile() {
        assertTrue(Files.isRegularFile(root.resolve(DOCKERFILE)), DOCKERFILE + " is missing");
        forEachService(s -> () -> {
            Map<String, Object> build = cast(service(s).get("build"));
            assertNotNull(build, s.name() + " has no build section");
            assertEquals(DOCKERFILE, build.get("dockerfile"), s.name() + ".build.dockerfile");
            // A copy-pasted SERVICE arg would silently package another module's jar.
            assertEquals(s.name(), asMap(build.get("args")).get("SERVICE"), s.name() + ".build.args.SERVICE");
        });
    }

    @Test
    void databaseServicesGetInfrastructureEnvironment() {
        forEachDatabaseService(s -> () -> {
            Map<String, String> env = env(s);
            for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
                String value = env.get(url);
                assertTrue(value != null && value.endsWith("/" + s.db()),
                        s.name() + ".environment." + url + " should end with /" + s.db() + " but is " + value);
            }
            for (String name : List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_REDIS_HOSTS")) {
                assertNotNull(env.get(name), s.name() + ".environment." + name + " is missing");
            }
        });
    }

    @Test
    void databaseServicesWaitForInfrastructure() {
        Map<String, String> expected = Map.of(
                "postgres", "service_healthy",
                "redis", "service_healthy",
                "kafka-topics", "service_completed_successfully");
        forEachDatabaseService(s -> () -> {
            Map<String, Object> dependsOn = cast(service(s).get("depends_on"));
            assertNotNull(dependsOn, s.name() + " has no depends_on (long form with conditions)");
            expected.forEach((dependency, condition) -> assertEquals(condition,
                    asMap(dependsOn.get(dependency)).get("condition"),
                    s.name() + ".depends_on." + dependency + ".condition"));
        });
    }

    @Test
    void postgresInitCreatesExactlyTheServiceDatabases() throws IOException {
        // The init file is whatever postgres mounts into the image's init directory.
        String mount = volumes("postgres").stream()
                .filter(v -> v.contains(":/docker-entrypoint-initdb.d"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("postgres mounts nothing into /docker-entrypoint-initdb.d"));
        Path init = root.resolve(mount.substring(0, mount.indexOf(':'))).normalize();
        assertTrue(Files.isRegularFile(init), "postgres init file " + init + " is missing");

        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("(?i)create\\s+database\\s+\"?(\\w+)\"?").matcher(Files.readString(init));
        while (m.find()) {
            created.add(m.group(1));
        }
        Set<String> expected = services.stream().filter(Service::hasDatabase).map(Service::db)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, created, "databases created by " + root.relativize(init));
    }

    @Test
    void kafkaTopicsMountsTheTopicList() {
        List<String> volumes = volumes("kafka-topics");
        String mount = volumes.stream()
                .filter(v -> Path.of(v.split(":")[0]).normalize().equals(Path.of("deploy/topics.txt")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("kafka-topics should mount ./deploy/topics.txt: " + volumes));
        // The script must read the file where it is mounted, or it creates nothing.
        String target = mount.split(":")[1];
        String script = String.join(" ", strings(service("kafka-topics").get("command")));
        assertTrue(script.contains(target), "kafka-topics.command should read " + target);
        assertTrue(script.contains("--if-not-exists"), "kafka-topics.command should use --if-not-exists");
    }

    @Test
    void kafkaDoesNotAutoCreateTopics() {
        Map<String, String> env = stringMap(service("kafka").get("environment"));
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"),
                "kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE (topics come only from deploy/topics.txt)");
    }

    @Test
    void everyConfiguredTopicIsListed() throws IOException {
        Set<String> listed = lines(root.resolve("deploy/topics.txt")).stream().map(cols -> cols[0])
                .collect(Collectors.toSet());
        Map<String, String> missing = new LinkedHashMap<>(); // "service: key" -> topic
        for (Service s : services) {
            Path file = root.resolve(s.name()).resolve("src/main/resources/application.properties");
            assertTrue(Files.isRegularFile(file), file + " is missing");
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
            // Also covers "*.dead-letter-queue.topic".
            props.stringPropertyNames().stream().filter(key -> key.endsWith(".topic")).sorted()
                    .filter(key -> !listed.contains(props.getProperty(key).trim()))
                    .forEach(key -> missing.put(s.name() + ": " + key, props.getProperty(key).trim()));
        }
        assertTrue(missing.isEmpty(), "topics configured but not in deploy/topics.txt: " + missing);
    }

    // --- helpers ---

    /** Runs one check per service and reports every failing service, not just the first. */
    private static void forEachService(Function<Service, Executable> check) {
        assertAll(services.stream().map(check));
    }

    private static void forEachDatabaseService(Function<Service, Executable> check) {
        assertAll(services.stream().filter(Service::hasDatabase).map(check));
    }

    private static Map<String, Object> service(Service s) {
        return service(s.name());
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = cast(compose.get(name));
        assertNotNull(service, "docker-compose.yml lacks service " + name);
        return service;
    }

    private static Map<String, String> env(Service s) {
        return stringMap(service(s).get("environment"));
    }

    private static List<String> volumes(String name) {
        return strings(service(name).get("volumes"));
    }

    /** Compose allows environment/args as a map or a list of KEY=VALUE; values may parse as numbers. */
    private static Map<String, String> stringMap(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).map(e -> e.split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
        }
        Map<String, String> map = new LinkedHashMap<>();
        asMap(value).forEach((k, v) -> map.put(k, v == null ? null : String.valueOf(v)));
        return map;
    }

    private static Map<String, Object> asMap(Object value) {
        return value == null ? Map.of() : cast(assertInstanceOf(Map.class, value, "expected a map: " + value));
    }

    /** A string or a list of strings (ports, healthcheck test, command, short-form volumes). */
    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** Non-comment, non-blank lines of a deploy/*.txt file, split on whitespace. */
    private static List<String[]> lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split("\\s+")).toList();
        }
    }
}
