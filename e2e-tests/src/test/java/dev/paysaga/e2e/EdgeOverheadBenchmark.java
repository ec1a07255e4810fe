package dev.paysaga.e2e;

import static dev.paysaga.e2e.Bench.percentiles;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the edge costs (not a test): an authenticated {@code GET /v1/orders/{id}} answered by
 * order-service directly and through the gateway, in the same run.
 * <ol>
 * <li>Latency: N requests one at a time, alternating direct and gateway, plus order-service's
 * unauthenticated liveness check as the floor of a request to that JVM.</li>
 * <li>Throughput: CONCURRENCY closed-loop clients for SECONDS each way, with the CPU each process spent
 * per request (order-service, the nginx workers, this client) read from /proc.</li>
 * </ol>
 * order-service is restarted with the tests' lifted rate limits first: a key's default limit would
 * otherwise be what the throughput phase measures.
 * Run it with deploy/local/bench/edge-overhead.sh against a running suite (deploy/local/run.sh).
 */
public final class EdgeOverheadBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private String key;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        new EdgeOverheadBenchmark().run(n, concurrency, seconds);
        System.exit(0);
    }

    private void run(int n, int concurrency, int seconds) throws Exception {
        // A key's own limit (100 reads/s by default) would be what the throughput phase measures.
        System.out.println("restarting order-service with rate limits lifted (the tests' environment)");
        Suite.restart("order-service", Map.of());
        key = Callers.merchantKey();
        String order = Payments.order(Payments.customer(), Orders.stockedSku(5), 1);
        String direct = Suite.url("order-service") + "/v1/orders/" + order;
        String gateway = Suite.GATEWAY + "/v1/orders/" + order;
        String live = Suite.url("order-service") + "/q/health/live";

        System.out.printf("warming up (%,d requests each way)%n", n / 5);
        for (int i = 0; i < n / 5; i++) {
            get(direct, key);
            get(gateway, key);
            get(live, null);
        }
        List<Long> directMicros = new ArrayList<>();
        List<Long> gatewayMicros = new ArrayList<>();
        List<Long> liveMicros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            directMicros.add(get(direct, key));
            gatewayMicros.add(get(gateway, key));
            liveMicros.add(get(live, null));
        }
        System.out.printf("%nlatency, one request at a time, %,d each (µs)%n", n);
        System.out.println("  GET /v1/orders/{id} direct   " + percentiles(directMicros));
        System.out.println("  GET /v1/orders/{id} gateway  " + percentiles(gatewayMicros));
        System.out.println("  GET /q/health/live (no key)  " + percentiles(liveMicros));
        System.out.printf("  key verification in-process: one SHA-256 of the key, %.2f µs, plus a hash-map lookup%n",
                sha256Micros());

        System.out.printf("%nthroughput, %d clients, %d s each way%n", concurrency, seconds);
        throughput("direct ", direct, concurrency, seconds);
        throughput("gateway", gateway, concurrency, seconds);
    }

    private void throughput(String label, String url, int concurrency, int seconds) throws Exception {
        long service = pid(Suite.ROOT.resolve(".paysaga/pids/order-service.pid"));
        long nginx = pid(Suite.ROOT.resolve(".paysaga/gateway/nginx.pid"));
        long serviceTicks = ticks(service);
        long nginxTicks = ticksWithChildren(nginx);
        long clientNanos = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime();
        AtomicLong done = new AtomicLong();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        Bench.inParallel(concurrency, concurrency, client -> {
            while (System.nanoTime() < until) {
                get(url, key);
                done.incrementAndGet();
            }
            return null;
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        long requests = done.get();
        double serviceMs = (ticks(service) - serviceTicks) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        double nginxMs = (ticksWithChildren(nginx) - nginxTicks) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        double clientMs = (ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() - clientNanos) / 1e6;
        System.out.printf("  %s %,8.0f requests/s   CPU per request: order-service %.3f ms, nginx %.3f ms, "
                        + "client %.3f ms%n", label, requests / elapsed, serviceMs / requests, nginxMs / requests,
                clientMs / requests);
    }

    /** Microseconds the request took; anything but 200 fails the benchmark. */
    private static long get(String url, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - start) / 1_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return micros;
    }

    private double sha256Micros() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        int rounds = 200_000;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += sha.digest(bytes)[0];
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        return sink == Long.MIN_VALUE ? -1 : micros;
    }

    private static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/pid/stat). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long ticksWithChildren(long pid) throws IOException {
        long total = ticks(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).orElseThrow().children().toList()) {
            total += ticks(child.pid());
        }
        return total;
    }
}
