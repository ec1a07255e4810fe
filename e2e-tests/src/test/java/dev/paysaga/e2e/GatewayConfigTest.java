package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's nginx configuration is rendered from deploy/routes.txt, and nginx accepts it. */
class GatewayConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyRouteIsRenderedToItsServicesPort() throws Exception {
        String conf = render();
        Routes.PREFIXES.forEach((prefix, service) -> {
            if (Routes.isPattern(prefix)) {
                assertTrue(conf.contains("location ~ ^" + prefix.replace("*", "[^/]+") + "(/|$) { proxy_pass http://"
                        + service + "; proxy_buffering off;"), prefix);
                return;
            }
            assertTrue(conf.contains("location = " + prefix + " { proxy_pass http://" + service + "; }"), prefix);
            assertTrue(conf.contains("location " + prefix + "/ {\n      proxy_pass http://" + service + ";"), prefix + "/");
            assertTrue(conf.contains("upstream " + service + " { server 127.0.0.1:" + Suite.PORTS.get(service) + ";"), service);
        });
        Matcher locations = Pattern.compile("location = (/\\S+) \\{ proxy_pass").matcher(conf);
        int routes = 0;
        while (locations.find()) {
            routes++;
        }
        assertEquals(Routes.PREFIXES.keySet().stream().filter(route -> !Routes.isPattern(route)).count(), routes,
                "a route that is not in deploy/routes.txt");
        assertTrue(conf.contains("listen 127.0.0.1:18080;"));
    }

    @Test
    void nginxAcceptsTheConfiguration() throws Exception {
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, render());
        Files.createDirectories(dir.resolve("tmp"));
        Process test = new ProcessBuilder(nginx(), "-t", "-q", "-e", dir.resolve("error.log").toString(),
                "-p", dir.toString(), "-c", conf.toString()).redirectErrorStream(true).start();
        String out = new String(test.getInputStream().readAllBytes());
        assertEquals(0, test.waitFor(), out);
    }

    /** docs/api.md shows the routing table; it must be the one the gateway uses. */
    @Test
    void apiReferenceShowsTheRoutingTable() throws IOException {
        Matcher rows = Pattern.compile("(?m)^\\| `(/[^`]*)` \\| ([a-z-]+) \\|$")
                .matcher(Files.readString(Suite.ROOT.resolve("docs/api.md")));
        Map<String, String> documented = new LinkedHashMap<>();
        while (rows.find()) {
            documented.put(rows.group(1), rows.group(2));
        }
        assertEquals(Routes.PREFIXES, documented, "docs/api.md's routing table differs from deploy/routes.txt");
    }

    private String render() throws Exception {
        Process render = new ProcessBuilder("bash", Suite.ROOT.resolve("deploy/local/gateway-conf.sh").toString(),
                dir.toString(), "18080").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String conf = new String(render.getInputStream().readAllBytes());
        assertEquals(0, render.waitFor(), "gateway-conf.sh failed");
        return conf;
    }

    private static String nginx() {
        return List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx").stream().filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse("nginx");
    }
}
