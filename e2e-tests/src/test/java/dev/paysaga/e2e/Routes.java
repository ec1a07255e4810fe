package dev.paysaga.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** deploy/routes.txt, the public API's routing table: path prefix → service. */
final class Routes {
    static final Map<String, String> PREFIXES = read();

    private Routes() {
    }

    /** The service the gateway sends {@code path} to, if any: a prefix routes itself and what lies below it. */
    static Optional<String> serviceOf(String path) {
        return PREFIXES.entrySet().stream()
                .filter(route -> path.equals(route.getKey()) || path.startsWith(route.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static Map<String, String> read() {
        Map<String, String> routes = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Suite.ROOT.resolve("deploy/routes.txt"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 2 && !f[0].startsWith("#")) {
                    routes.put(f[0], f[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return routes;
    }
}
