package dev.paysaga.e2e;

import static dev.paysaga.e2e.Bench.percentiles;

import dev.paysaga.runtime.testing.WebhookReceiver;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery at a steady rate (not a test): a merchant of this run's own with one endpoint on a
 * receiver in this client (answers 200 at once), EVENTS payment events published on payment.events at
 * RATE per second (0: as fast as the broker takes them) as notification-service's relay does. Prints
 * deliveries/s, the time from the broker's acknowledgement to the webhook's arrival, requests per event
 * (duplicates), and the CPU per delivery of every process. Run it with deploy/local/bench/webhook-delivery.sh.
 */
public final class WebhookDeliveryBenchmark {
    private static final Pattern PAYMENT = Pattern.compile("\"data\":\\{\"id\": ?\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String platform = Files.readString(Suite.ROOT.resolve(".paysaga/keys/platform.key")).strip();
        String merchant = "mer_hook_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = new WebhookReceiver(); PaymentEventPublisher publisher = new PaymentEventPublisher(merchant)) {
            String endpoint = Bench.call(platform, "POST", Suite.url("notification-service") + "/v1/webhook_endpoints",
                    Bench.JSON.writeValueAsString(Map.of("merchant_id", merchant, "url", receiver.url(),
                            "enabled_events", List.of("payment.succeeded"))), 201).path("id").asText();
            Map<String, Double> cpuBefore = ProcessCpu.snapshot();
            long started = System.nanoTime();
            publisher.publish(events, rate);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (distinct(receiver, publisher).size() < events && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            Map<String, Double> spent = ProcessCpu.spent(cpuBefore, ProcessCpu.snapshot());
            List<Long> latencies = new ArrayList<>();
            long last = started;
            for (WebhookReceiver.Received request : receiver.received()) {
                Matcher found = PAYMENT.matcher(request.body());
                if (found.find() && publisher.isOurs(found.group(1))) {
                    latencies.add(Math.max(0, request.at() - publisher.acknowledgedAt(found.group(1))) / 1_000_000);
                    last = Math.max(last, request.at());
                }
            }
            int delivered = distinct(receiver, publisher).size();
            double seconds = (last - started) / 1e9;
            System.out.printf("%,d events at %s: %,d delivered (%,d requests) in %.1f s, %,.1f deliveries/s%n", events,
                    rate == 0 ? "full speed" : rate + "/s", delivered, latencies.size(), seconds, delivered / seconds);
            System.out.println("broker ack → webhook received, ms: " + percentiles(latencies));
            System.out.println("CPU per delivery (ms), by process:");
            spent.forEach((group, ms) -> {
                if (ms / delivered >= 0.05) {
                    System.out.printf("  %-28s %8.2f%n", group, ms / delivered);
                }
            });
            Bench.call(platform, "DELETE", Suite.url("notification-service") + "/v1/webhook_endpoints/" + endpoint, null, 200);
            if (delivered < events) {
                System.out.println("MISSING: " + (events - delivered));
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private static Set<String> distinct(WebhookReceiver receiver, PaymentEventPublisher publisher) {
        Set<String> payments = new HashSet<>();
        for (WebhookReceiver.Received request : receiver.received()) {
            Matcher found = PAYMENT.matcher(request.body());
            if (found.find() && publisher.isOurs(found.group(1))) {
                payments.add(found.group(1));
            }
        }
        return payments;
    }
}
