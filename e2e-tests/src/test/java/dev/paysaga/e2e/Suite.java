package dev.paysaga.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite under test: every service as its own JVM, started through deploy/local/services.sh
 * (the same script run.sh uses) from the jars this build just packaged. Started once per test JVM,
 * stopped when it exits.
 */
public final class Suite {
    public static final Path ROOT = root();
    /** name → port, from deploy/services.txt. */
    public static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    static final Map<String, String> DATABASES = new LinkedHashMap<>();
    /** The public API: the gateway deploy/local/platform.sh starts. */
    public static final String GATEWAY = "http://127.0.0.1:" + System.getenv().getOrDefault("PAYSAGA_GATEWAY_PORT", "8080");
    static final String KAFKA = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static boolean running;

    static {
        try {
            for (String line : Files.readAllLines(ROOT.resolve("deploy/services.txt"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length == 3 && !f[0].startsWith("#")) {
                    PORTS.put(f[0], Integer.parseInt(f[1]));
                    DATABASES.put(f[0], f[2]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Suite() {
    }

    public static synchronized void ensureRunning() {
        if (running) {
            return;
        }
        services(Map.of(), "start");
        services(Map.of(), "wait");
        if (!Boolean.getBoolean("paysaga.suite.keep-running")) { // a benchmark client's suite stays up for the next run
            Runtime.getRuntime().addShutdownHook(new Thread(() -> services(Map.of(), "stop")));
        }
        running = true;
    }

    public static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    /** Stops {@code service} gracefully and starts it again with extra environment, then waits until ready. */
    static void restart(String service, Map<String, String> env) {
        services(Map.of(), "stop", service);
        start(service, env);
    }

    static void start(String service, Map<String, String> env) {
        services(env, "start", service);
        services(Map.of(), "wait", service);
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
    static void kill9(String service) {
        services(Map.of(), "kill", service);
    }

    /** Whether services.sh still sees the process alive. */
    static boolean alive(String service) {
        try {
            Process status = new ProcessBuilder("bash", ROOT.resolve("deploy/local/services.sh").toString(), "status")
                    .directory(ROOT.toFile()).redirectErrorStream(true).start();
            String out = new String(status.getInputStream().readAllBytes());
            status.waitFor();
            return out.lines().anyMatch(line -> line.startsWith(service + " up"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs services.sh with extra environment for the JVMs it starts. */
    static void services(String command, Map<String, String> env, String... names) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(names));
        services(env, args.toArray(String[]::new));
    }

    static Connection database(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASES.get(service), "postgres", "");
    }

    /**
     * Environment of every service the tests start, unless a test says otherwise: sagas get two
     * minutes per answer, so that a loaded 2-core machine does not turn slowness into cancellations
     * (deadlines themselves are covered by SagaTest); a channel's customer has 30 s to pay, so that
     * the test of a customer who never pays ends in reasonable time; a channel has 90 s to finish a refund.
     * Rate limits are far above what the tests send (they are tested in service-runtime). Reconciliation carries
     * nothing across midnight (a test's payments are of one day whenever it runs; carrying is MatcherTest's), works
     * through resolutions every second and runs again within seconds what a killed replica left running.
     */
    static final Map<String, String> TEST_ENV = Map.ofEntries(Map.entry("PAYSAGA_SAGA_ANSWER_WITHIN", "PT2M"),
            Map.entry("PAYSAGA_SAGA_CUSTOMER_PAYS_WITHIN", "PT30S"), Map.entry("PAYSAGA_SAGA_CHANNEL_REFUNDS_WITHIN", "PT90S"),
            Map.entry("PAYSAGA_RATE_LIMIT_READ_PER_SECOND", "100000"), Map.entry("PAYSAGA_RATE_LIMIT_READ_BURST", "100000"),
            Map.entry("PAYSAGA_RATE_LIMIT_WRITE_PER_SECOND", "100000"), Map.entry("PAYSAGA_RATE_LIMIT_WRITE_BURST", "100000"),
            Map.entry("PAYSAGA_RATE_LIMIT_MERCHANT_PER_SECOND", "100000"),
            Map.entry("PAYSAGA_RATE_LIMIT_MERCHANT_BURST", "100000"),
            Map.entry("PAYSAGA_RECONCILIATION_CARRY_WINDOW", "PT0S"),
            Map.entry("PAYSAGA_RECONCILIATION_SWEEP_INTERVAL", "PT1S"),
            Map.entry("PAYSAGA_RECONCILIATION_ABANDONED_AFTER", "PT10S"));

    private static void services(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/local/services.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).inheritIO();
        builder.environment().putAll(TEST_ENV);
        builder.environment().putAll(env);
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("services.sh " + String.join(" ", args) + " exited " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        String configured = System.getProperty("paysaga.root");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("deploy/services.txt"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/services.txt above " + dir);
    }
}
