package dev.paysaga.e2e.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.e2e.Callers;
import dev.paysaga.e2e.PublicApi;
import dev.paysaga.e2e.Suite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the aggregated OpenAPI document, fed bad inputs derived from its schema ({@link Mutations})
 * through the gateway with valid credentials: every answer to a bad input is a 4xx {@code application/problem+json}
 * with a documented {@code code} — never a 5xx, a stack trace or the input's markup —, and nothing the API shows
 * changes. Seeded and bounded: {@code -Dpaysaga.fuzz.seed} and {@code -Dpaysaga.fuzz.cases} (cases per operation,
 * default 24) make a longer run (deploy/local/bench/fuzz.sh).
 */
class ApiFuzzTest {
    private static final long SEED = Long.getLong("paysaga.fuzz.seed", 17);
    private static final int CASES = Integer.getInteger("paysaga.fuzz.cases", 24);
    /** Streams never end (their own tests drive them); callbacks prove their caller by a signature (fuzzed below). */
    private static final Set<String> SKIPPED = Set.of("GET /v1/events/stream", "GET /v1/payments/{id}/stream",
            "POST /callbacks/{channel}");
    /** A row of docs/api.md's error table ({@code | 413, 414 | `invalid_request` |}) or a refusal named in its text. */
    private static final Pattern DOCUMENTED_CODE = Pattern.compile("^\\| ([\\d, ]+) \\| `([a-z_]+)`|`(\\d{3}) ([a-z_]+)`",
            Pattern.MULTILINE);
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [a-z][\\w$]*\\.[\\w$.]+\\(|Exception|\\bjava\\.|\\borg\\.(?:jboss|hibernate|postgresql)|com\\.fasterxml|io\\.(?:quarkus|vertx)");
    /** What a refusal must not quote: markup, lookups, control and bidirectional-format characters. */
    private static final Pattern ACTIVE = Pattern.compile("[<>$\\p{Cntrl}\\p{Cf}]");
    private static final String CALLBACK = "callback ";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();
    private static Set<String> codes;
    private static Targets targets;
    private final List<String> findings = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void suite() throws IOException {
        Suite.ensureRunning();
        targets = new Targets();
        codes = documentedCodes();
    }

    @AfterAll
    static void report() {
        System.out.println("fuzz seed=" + SEED + " cases/operation=" + CASES + " outcomes " + new TreeMap<>(OUTCOMES));
    }

    @Test
    void badInputsToEveryOperationAreRefusedAsDocumentedAndChangeNothing() throws Exception {
        Random random = new Random(SEED);
        List<Probe> refused = new ArrayList<>();
        List<Probe> legal = new ArrayList<>();
        for (PublicApi.Operation op : PublicApi.operations()) {
            if (SKIPPED.contains(op.key())) {
                continue;
            }
            List<Mutations.Case> cases = new ArrayList<>(Mutations.of(op, targets));
            Collections.shuffle(cases, random);
            for (Mutations.Case c : cases.subList(0, Math.min(CASES, cases.size()))) {
                (c.surelyRefused() ? refused : legal).add(new Probe(op, c));
            }
        }
        Map<String, String> before = targets.fingerprint();
        run(refused);
        changed(before, "refused requests");
        run(legal);
        System.out.println("fuzz: " + refused.size() + " refusable and " + legal.size() + " legal-or-not cases");
        findings.forEach(f -> System.out.println("fuzz finding: " + f));
        assertEquals(List.of(), findings, findings.size() + " of " + (refused.size() + legal.size()) + " answers");
    }

    @Test
    void aUrlOrAnIdempotencyKeyTooLongIsAProblemNotAnEmptyAnswer() throws Exception {
        send("GET", "/v1/orders/ord_" + "a".repeat(9_000), null, null, null, Map.of(), true, "url too long");
        send("GET", "/v1/orders/" + targets.order, null, null, null, Map.of("Idempotency-Key", "k" + "é".repeat(10)), false,
                "non-ASCII idempotency key");
        send("POST", "/v1/orders/" + targets.order + "/cancel", null, null, null, Map.of("Idempotency-Key", "k".repeat(10_000)),
                true, "idempotency key of 10,000 characters");
        assertEquals(List.of(), findings);
    }

    @Test
    void unsignedBadlySignedOrMalformedNotificationsChangeNothing() throws Exception {
        Map<String, String> before = targets.fingerprint();
        String form = "application/x-www-form-urlencoded";
        List<String> bodies = List.of("", "out_trade_no=" + targets.payment + "&trade_status=TRADE_SUCCESS&total_amount=30.00",
                "out_trade_no=" + targets.payment + "&trade_status=TRADE_SUCCESS&sign=forged&sign_type=RSA2",
                "out_trade_no=%00&sign=x", "<xml><return_code>SUCCESS</return_code><out_trade_no>" + targets.payment
                        + "</out_trade_no></xml>", "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}",
                "{\"a\":1,\"a\":2}", "%%%", "x".repeat(100_000));
        for (String channel : List.of("alipay", "wechatpay", "unionpay", "stripe", "nope", "..%2f..%2fq%2fmetrics", "%00")) {
            for (String body : bodies) {
                for (String type : List.of(form, "application/json", "text/xml")) {
                    send("POST", "/callbacks/" + channel, null, type, body.getBytes(), Map.of(), true, CALLBACK + channel);
                }
            }
        }
        changed(before, "unsigned notifications");
        findings.forEach(f -> System.out.println("fuzz finding: " + f));
        assertEquals(List.of(), findings);
    }

    @Test
    void concurrentDuplicatesWithOneIdempotencyKeyCreateOneObject() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] body = ("{\"url\":\"http://127.0.0.1:9/fuzz-dup\",\"enabled_events\":[\"webhook_endpoint.disabled\"],"
                + "\"description\":\"" + key + "\"}").getBytes();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> HTTP.send(request("POST", "/v1/webhook_endpoints", null, "application/json", body,
                    Map.of("Idempotency-Key", key)), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> created = new java.util.HashSet<>();
        for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
            HttpResponse<String> response = answer.get();
            tally(response);
            if (response.statusCode() == 201) {
                created.add(Mutations.JSON.readTree(response.body()).get("id").asText());
            } else {
                check(response, "concurrent duplicate", true);
                assertTrue(response.body().contains("idempotency_key_in_use"), response.body());
            }
        }
        pool.shutdown();
        assertEquals(1, created.size(), "every 201 of one key is the same endpoint");
        long same = Callers.given().get(Suite.GATEWAY + "/v1/webhook_endpoints?limit=100").then().extract()
                .jsonPath().getList("data.description").stream().filter(key::equals).count();
        assertEquals(1, same, "one endpoint made of eight requests with one key");
        // The same key with another request is refused.
        send("POST", "/v1/webhook_endpoints", null, "application/json", "{\"url\":\"http://127.0.0.1:9/other\"}".getBytes(),
                Map.of("Idempotency-Key", key), true, "key reused");
        assertEquals(List.of(), findings);
    }

    /** Records, as a finding, every part of what the API shows that differs from {@code before}. */
    private void changed(Map<String, String> before, String what) {
        Map<String, String> after = targets.fingerprint();
        before.forEach((path, answer) -> {
            if (!answer.equals(after.get(path))) {
                findings.add(what + " changed " + path + ": " + Mutations.abbreviate(answer) + " → "
                        + Mutations.abbreviate(String.valueOf(after.get(path))));
            }
        });
    }

    private record Probe(PublicApi.Operation op, Mutations.Case c) {
    }

    private void run(List<Probe> probes) throws Exception {
        for (Probe p : probes) {
            Map<String, String> headers = p.op().parameters("header").contains("Idempotency-Key")
                    ? Map.of("Idempotency-Key", UUID.randomUUID().toString()) : Map.of();
            send(p.op().method().toUpperCase(), p.c().path(), p.c().query(),
                    p.c().body() == null ? null : p.c().contentType() == null ? "application/json" : p.c().contentType(),
                    p.c().body(), headers, p.c().surelyRefused(), p.op().key() + " " + Mutations.abbreviate(p.c().label()));
        }
    }

    private void send(String method, String path, String query, String contentType, byte[] body, Map<String, String> headers,
            boolean mustRefuse, String label) throws Exception {
        HttpResponse<String> response = HTTP.send(request(method, path, query, contentType, body, headers),
                HttpResponse.BodyHandlers.ofString());
        tally(response);
        check(response, label, mustRefuse);
    }

    private HttpRequest request(String method, String path, String query, String contentType, byte[] body,
            Map<String, String> headers) {
        String credential = platformPath(path) ? (path.startsWith("/v1/reconciliation/adjustments")
                ? Callers.operatorKey("alice") : platformKey()) : Callers.merchantKey();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(Suite.GATEWAY + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + credential)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    private static boolean platformPath(String path) {
        return List.of("/v1/merchants", "/v1/accounts", "/v1/transfers", "/v1/risk", "/v1/reconciliation").stream()
                .anyMatch(path::startsWith) || path.matches("/v1/wallets/[^/]+/top_ups");
    }

    private static String platformKey() {
        try {
            return Files.readString(Suite.ROOT.resolve(".paysaga/keys/platform.key")).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void tally(HttpResponse<String> response) {
        String code = "-";
        try {
            code = Mutations.JSON.readTree(response.body()).path("code").asText("-");
        } catch (IOException e) {
            // not JSON: counted as "-"
        }
        OUTCOMES.merge(response.statusCode() + " " + code, 1, Integer::sum);
    }

    /** The verdict on one answer; what is wrong is collected, so that one run lists every finding. */
    private void check(HttpResponse<String> response, String label, boolean mustRefuse) {
        int status = response.statusCode();
        String body = response.body();
        String where = label + " → " + status + " " + Mutations.abbreviate(body.replace('\n', ' '));
        if (status >= 500 || (mustRefuse && status < 400)) {
            findings.add(where);
            return;
        }
        if (status < 400) {
            return;
        }
        if (label.startsWith(CALLBACK)) {
            checkLeaks(body, where); // a channel's refusal is in the channel's own protocol (docs/openapi.json)
            return;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            findings.add("not problem+json: " + where);
            return;
        }
        try {
            JsonNode problem = Mutations.JSON.readTree(body);
            String code = problem.path("code").asText();
            if (!codes.contains(status + " " + code)) {
                findings.add("undocumented code: " + where);
            }
            if (problem.path("status").asInt() != status) {
                findings.add("status in the body differs: " + where);
            }
        } catch (IOException e) {
            findings.add("unreadable problem: " + where);
        }
        checkLeaks(body, where);
    }

    private void checkLeaks(String body, String where) {
        if (LEAK.matcher(body).find()) {
            findings.add("internals leaked: " + where);
        }
        try {
            for (JsonNode value : Mutations.JSON.readTree(body)) {
                if (value.isTextual() && ACTIVE.matcher(value.asText()).find()) {
                    findings.add("echoes markup or control characters: " + where);
                }
            }
        } catch (IOException e) {
            // a channel's refusal need not be JSON; its text is checked for internals only
        }
    }

    /** {@code status code} pairs docs/api.md documents: the error table and the refusals named in the text. */
    private static Set<String> documentedCodes() throws IOException {
        Set<String> pairs = new java.util.HashSet<>();
        Matcher m = DOCUMENTED_CODE.matcher(Files.readString(Suite.ROOT.resolve("docs/api.md")));
        while (m.find()) {
            String statuses = m.group(1) != null ? m.group(1) : m.group(3);
            String code = m.group(2) != null ? m.group(2) : m.group(4);
            for (String status : statuses.split(",")) {
                pairs.add(status.strip() + " " + code);
            }
        }
        return pairs;
    }
}
