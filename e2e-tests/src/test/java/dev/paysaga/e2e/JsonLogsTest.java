package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PAYSAGA_JSON_LOGS=true switches a service to one JSON object per log line. */
class JsonLogsTest {
    static final String SERVICE = "reconciliation-service";

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterAll
    static void plainAgain() {
        Suite.restart(SERVICE, Map.of());
    }

    @Test
    void everyLineIsAJsonObjectWithLevelAndMessage() throws Exception {
        Path log = Suite.ROOT.resolve(".paysaga/logs/" + SERVICE + ".log");
        Suite.services("stop", Map.of(), SERVICE);
        long before = Files.size(log); // what the plain-text run wrote, shutdown included

        Suite.start(SERVICE, Map.of("PAYSAGA_JSON_LOGS", "true"));

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(log) > before);
        String written;
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(before);
            written = new String(in.readAllBytes());
        }
        List<String> lines = written.lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertTrue(entry.isObject() && entry.has("level") && entry.has("message"), "not a JSON log line: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("started in")), "start-up line missing");
    }
}
