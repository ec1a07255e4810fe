package dev.paysaga.e2e;

import static dev.paysaga.e2e.Bench.percentiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live-stream fan-out (not a test): opens STREAMS event streams on notification-service (the platform's
 * stream: every event), then publishes EVENTS payment events on payment.events at RATE per second, as
 * notification-service's own relay publishes them. For every event and every stream it measures the time
 * from the broker's acknowledgement of the event to the stream receiving it, and the time until the last
 * stream had it. It reports what the open streams cost notification-service in heap (after a full GC)
 * and resident memory, and the CPU each event cost every process. The client reads every stream without
 * a thread per stream (the JDK HTTP client's line subscribers), and prints its own CPU too.
 * Run it with deploy/local/bench/sse-fanout.sh.
 */
public final class SseFanOutBenchmark {
    private static final String NOTIFICATION = Suite.url("notification-service");
    private static final java.util.regex.Pattern PAYMENT = java.util.regex.Pattern.compile("\"data\":\\{\"id\": ?\"([^\"]+)\"");
    // HTTP/1.1, a connection per stream, as browsers open EventSources to a plain-http origin.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String merchant = "mer_sse_bench_" + UUID.randomUUID().toString().substring(0, 8);
    private final PaymentEventPublisher publisher = new PaymentEventPublisher(merchant);
    /** Per payment: how many streams have it, and when the last one got it. */
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastArrival = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Lines> allLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        SseFanOutBenchmark benchmark = new SseFanOutBenchmark();
        benchmark.run(streams, events, rate);
        benchmark.publisher.close();
        System.exit(0);
    }

    private void run(int streamCount, int events, int rate) throws Exception {
        String platform = Files.readString(Suite.ROOT.resolve(".paysaga/keys/platform.key")).strip();
        long pid = Long.parseLong(Files.readString(Suite.ROOT.resolve(".paysaga/pids/notification-service.pid")).strip());
        Memory before = Memory.of(pid);
        System.out.printf("notification-service before: heap after GC %.1f MB, RSS %.1f MB%n", before.heapMb(), before.rssMb());

        long opening = System.nanoTime();
        CountDownLatch open = new CountDownLatch(streamCount);
        List<Flow.Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < streamCount; i++) {
            // Under the credential's read limit (100/s, bursts of 200): these are all the platform's streams.
            TimeUnit.MILLISECONDS.sleep(12);
            HttpRequest request = HttpRequest.newBuilder(URI.create(NOTIFICATION + "/v1/events/stream"))
                    .header("Authorization", "Bearer " + platform).header("Accept", "text/event-stream").build();
            Lines lines = new Lines(open, subscriptions);
            allLines.add(lines);
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines)).thenAccept(response -> {
                if (response.statusCode() != 200) {
                    System.out.println("a stream was refused: " + response.statusCode());
                    refused.incrementAndGet();
                }
            });
        }
        if (!open.await(120, TimeUnit.SECONDS) || refused.get() > 0) {
            throw new IllegalStateException("only " + (streamCount - open.getCount()) + " streams opened in 120 s");
        }
        System.out.printf("%,d streams open in %.1f s%n", streamCount, (System.nanoTime() - opening) / 1e9);
        Memory with = Memory.of(pid);
        System.out.printf("notification-service with them: heap after GC %.1f MB, RSS %.1f MB → %.1f KB heap, %.1f KB RSS per stream%n",
                with.heapMb(), with.rssMb(), (with.heapMb() - before.heapMb()) * 1024 / streamCount,
                (with.rssMb() - before.rssMb()) * 1024 / streamCount);

        Map<String, Double> cpuBefore = ProcessCpu.snapshot();
        long started = System.nanoTime();
        publisher.publish(events, rate);
        long expected = (long) events * streamCount;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latencies.size() < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> spent = ProcessCpu.spent(cpuBefore, ProcessCpu.snapshot());
        subscriptions.forEach(Flow.Subscription::cancel);

        System.out.printf("%,d events at %d/s to %,d streams: %,d of %,d deliveries in %.1f s (%,.0f deliveries/s)%n",
                events, rate, streamCount, latencies.size(), expected, seconds, latencies.size() / seconds);
        System.out.println("broker ack → each stream, ms:       " + percentiles(millis(latencies)));
        List<Long> lastOnes = new ArrayList<>();
        arrivals.forEach((payment, count) -> {
            if (count.get() == streamCount) {
                lastOnes.add(Math.max(0, lastArrival.get(payment).get() - publisher.acknowledgedAt(payment)));
            }
        });
        System.out.println("broker ack → the last of all streams, ms: " + percentiles(millis(lastOnes)));
        System.out.println("CPU per event (ms), by process:");
        spent.forEach((group, ms) -> {
            if (ms / events >= 0.05) {
                System.out.printf("  %-28s %8.2f%n", group, ms / events);
            }
        });
        System.out.println("events per stream: " + allLines.stream().collect(java.util.stream.Collectors.groupingBy(
                l -> l.events, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        if (latencies.size() < expected) {
            System.out.println("MISSING deliveries: " + (expected - latencies.size()));
        }
    }

    private void arrived(String data, long at) {
        // {"id":"evt_…","type":…,"created":…,"data":{"id": "pay_…",…}}: found without parsing, so the client stays cheap.
        java.util.regex.Matcher found = PAYMENT.matcher(data);
        if (!found.find() || !publisher.isOurs(found.group(1))) {
            return; // not this run's
        }
        String payment = found.group(1);
        arrivals.computeIfAbsent(payment, k -> new AtomicInteger()).incrementAndGet();
        lastArrival.computeIfAbsent(payment, k -> new AtomicLong()).accumulateAndGet(at, Math::max);
        // An event may come before the publisher saw the broker's ack: count it as at the ack.
        latencies.add(Math.max(0, at - Math.min(at, publisher.acknowledgedAt(payment))));
    }

    private static List<Long> millis(List<Long> nanos) {
        synchronized (nanos) {
            return nanos.stream().map(n -> n / 1_000_000).toList();
        }
    }

    /** One stream's lines: its data lines are events; the first line (a heartbeat) says it is open. */
    private final class Lines implements Flow.Subscriber<String> {
        private final CountDownLatch open;
        private final List<Flow.Subscription> subscriptions;
        private boolean counted;
        private int events;

        Lines(CountDownLatch open, List<Flow.Subscription> subscriptions) {
            this.open = open;
            this.subscriptions = subscriptions;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (subscriptions) {
                subscriptions.add(subscription);
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!counted) {
                counted = true;
                open.countDown();
            }
            if (line.startsWith("data:")) {
                events++;
                arrived(line.substring(5).strip(), System.nanoTime());
            }
        }

        @Override
        public void onError(Throwable failure) {
            System.out.println("a stream failed: " + failure);
        }

        @Override
        public void onComplete() {
        }
    }

    /** notification-service's heap after a full GC (jcmd), and its resident memory. */
    private record Memory(double heapMb, double rssMb) {
        static Memory of(long pid) throws Exception {
            run("jcmd", String.valueOf(pid), "GC.run");
            String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
            // Every generation (or G1's one heap) says "used NK"; Metaspace's line is not the heap.
            long usedKb = info.lines().filter(line -> line.contains("generation") || line.contains("heap"))
                    .map(line -> java.util.regex.Pattern.compile("used (\\d+)K").matcher(line))
                    .filter(java.util.regex.Matcher::find)
                    .mapToLong(matcher -> Long.parseLong(matcher.group(1))).sum();
            long rssKb = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0L);
            return new Memory(usedKb / 1024.0, rssKb / 1024.0);
        }

        private static String run(String... command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        }
    }
}
