package dev.paysaga.channel.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real channel-sandbox (its built jar, {@code ../channel-sandbox/target/quarkus-app}) as a separate
 * process on a free port, with keys made by the real {@code deploy/local/GenerateChannelKeys.java}; the
 * service under test is pointed at it and told its own (free) port for notify_url. Used through
 * {@link Profile}, which replaces the fake gateways for the tests that name it.
 */
public class SandboxProcess implements QuarkusTestResourceLifecycleManager {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static volatile String url;
    private static volatile Path keysDir;
    private Process process;
    private Path dir;

    /** The sandbox's base URL, e.g. for its admin API. */
    public static String url() {
        return url;
    }

    /** Where GenerateChannelKeys put both sides' keys, for tests that play a third party with a wrong or right key. */
    public static Path keysDir() {
        return keysDir;
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SandboxProcess.class));
        }
    }

    @Override
    public Map<String, String> start() {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path jar = root.resolve("channel-sandbox/target/quarkus-app/quarkus-run.jar");
        if (!Files.isReadable(jar)) {
            throw new IllegalStateException(jar + " is missing: build channel-sandbox first (mvn -pl channel-sandbox package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            dir = Files.createTempDirectory("channel-keys");
            keysDir = dir;
            run(List.of(java, root.resolve("deploy/local/GenerateChannelKeys.java").toString(), dir.toString()));
            int sandboxPort = freePort();
            int servicePort = freePort();
            Path log = dir.resolve("sandbox.log");
            process = new ProcessBuilder(java, "-Xmx128m",
                    "-Dquarkus.http.port=" + sandboxPort, "-Dquarkus.http.host=127.0.0.1",
                    "-Dpaysaga.sandbox.keys-dir=" + dir,
                    "-Dpaysaga.sandbox.wechatpay.notify.first-retry-millis=100",
                    "-Dpaysaga.sandbox.wechatpay.notify.max-attempts=5",
                    "-Dpaysaga.sandbox.stripe.webhook-url=http://127.0.0.1:" + servicePort + "/callbacks/stripe",
                    "-Dpaysaga.sandbox.stripe.notify.first-retry-millis=100",
                    "-Dpaysaga.sandbox.stripe.notify.max-attempts=5",
                    "-Dpaysaga.sandbox.unionpay.notify.first-retry-millis=100",
                    "-Dpaysaga.sandbox.unionpay.notify.max-attempts=5",
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            url = "http://127.0.0.1:" + sandboxPort;
            awaitReady(log);
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", Integer.toString(servicePort));
            config.put("paysaga.channels.keys-dir", dir.toString());
            config.put("paysaga.channels.notify-base-url", "http://127.0.0.1:" + servicePort + "/callbacks");
            config.put("paysaga.channels.alipay.gateway-url", url + "/alipay/gateway.do");
            config.put("paysaga.channels.alipay.bill-download-base-url", url);
            config.put("paysaga.channels.wechatpay.base-url", url);
            config.put("paysaga.channels.stripe.base-url", url);
            // Two balance transactions a page, so every Stripe statement in these tests is read across pages.
            config.put("paysaga.channels.stripe.statement-page-size", "2");
            config.put("paysaga.channels.unionpay.base-url", url);
            // A QR code expires this long after its payment is made, so a close can be seen to wait for it.
            config.put("paysaga.channels.unionpay.pay-timeout", "PT8S");
            config.put("paysaga.channels.query.first-after", "PT0.5S");
            config.put("paysaga.channels.query.backoff-base", "PT0.3S");
            config.put("paysaga.channels.query.backoff-cap", "PT1S");
            return config;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Ready when its health check answers 200; a sandbox that exits or stays unready fails the start. */
    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Awaitility.await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the sandbox exited: " + Files.readString(log, StandardCharsets.UTF_8));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            process.destroy();
            throw new IllegalStateException("the sandbox was not ready within " + READY_TIMEOUT);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
