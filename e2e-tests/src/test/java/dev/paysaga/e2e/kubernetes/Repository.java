package dev.paysaga.e2e.kubernetes;

import dev.paysaga.e2e.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The repository the tests run in, and the lists under deploy/ that every platform is built from. */
final class Repository {
    static final Path ROOT = Suite.ROOT;

    /** An entry of deploy/services.txt; {@code database} is empty for a service without one. */
    record Service(String name, int port, Optional<String> database) {
    }

    /** An entry of deploy/topics.txt. */
    record Topic(String name, int partitions, Map<String, String> configs) {
    }

    private Repository() {
    }

    static List<Service> services() {
        return lines("deploy/services.txt").stream()
                .map(f -> new Service(f[0], Integer.parseInt(f[1]), "-".equals(f[2]) ? Optional.empty() : Optional.of(f[2])))
                .toList();
    }

    static Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in deploy/services.txt"));
    }

    static List<Topic> topics() {
        return lines("deploy/topics.txt").stream().map(f -> {
            Map<String, String> configs = new LinkedHashMap<>();
            if (f.length > 2) {
                for (String kv : f[2].split(",")) {
                    String[] pair = kv.split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
            }
            return new Topic(f[0], Integer.parseInt(f[1]), configs);
        }).toList();
    }

    /** deploy/routes.txt: path prefix → service, in file order. */
    static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        lines("deploy/routes.txt").forEach(f -> routes.put(f[0], f[1]));
        return routes;
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    /** Non-comment, non-blank lines of a file, split on whitespace. */
    private static List<String[]> lines(String relative) {
        try (Stream<String> lines = Files.lines(file(relative))) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
