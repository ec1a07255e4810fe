package dev.paysaga.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** deploy/routes.txt, the public API's routing table: path prefix → service. */
final class Routes {
    static final Map<String, String> PREFIXES = read();

    private Routes() {
    }

    /**
     * The service the gateway sends {@code path} to, if any: a route covers itself and what lies below it,
     * a {@code *} segment matches any one segment, and the longest matching route wins.
     */
    static Optional<String> serviceOf(String path) {
        return PREFIXES.entrySet().stream()
                .filter(route -> covers(route.getKey(), path))
                .max(Comparator.comparingInt(route -> route.getKey().split("/").length))
                .map(Map.Entry::getValue);
    }

    static boolean isPattern(String route) {
        return route.contains("*");
    }

    private static boolean covers(String route, String path) {
        String[] routeSegments = route.split("/");
        String[] pathSegments = path.split("/");
        if (pathSegments.length < routeSegments.length) {
            return false;
        }
        for (int i = 0; i < routeSegments.length; i++) {
            if (!routeSegments[i].equals("*") && !routeSegments[i].equals(pathSegments[i])) {
                return false;
            }
        }
        return true;
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
