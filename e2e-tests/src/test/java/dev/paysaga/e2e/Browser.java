package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium driven over the W3C WebDriver protocol by Debian's {@code chromedriver}
 * (deploy/local/require-tools.sh installs both for the tests): the few commands the page tests need,
 * plain JSON over HTTP, no client library.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The key the W3C protocol names a found element by. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final String session;

    private Browser(Process driver, String session) {
        this.driver = driver;
        this.session = session;
    }

    static Browser headlessChromium() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process driver = new ProcessBuilder(executable("chromedriver", "/usr/bin/chromedriver"), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(Suite.ROOT.resolve(".paysaga/logs/chromedriver.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> call("GET", base + "/status", null).path("value").path("ready").asBoolean());
        JsonNode created = call("POST", base + "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", executable("chromium", "/usr/bin/chromium"),
                        "args", List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--window-size=1000,700"))))));
        return new Browser(driver, base + "/session/" + created.path("value").path("sessionId").asText());
    }

    void open(String url) {
        call("POST", session + "/url", Map.of("url", url));
    }

    /** The rendered text of the first element {@code css} selects, or {@code null} if there is none. */
    String text(String css) {
        JsonNode found = call("POST", session + "/elements", Map.of("using", "css selector", "value", css)).path("value");
        if (found.isEmpty()) {
            return null;
        }
        return call("GET", session + "/element/" + found.get(0).path(ELEMENT).asText() + "/text", null).path("value").asText();
    }

    /** Types {@code keys} into the first element {@code css} selects, as a user would. */
    void type(String css, String keys) {
        call("POST", session + "/element/" + element(css) + "/value", Map.of("text", keys));
    }

    void click(String css) {
        call("POST", session + "/element/" + element(css) + "/click", Map.of());
    }

    /** How many elements {@code css} selects. */
    int count(String css) {
        return call("POST", session + "/elements", Map.of("using", "css selector", "value", css)).path("value").size();
    }

    private String element(String css) {
        return call("POST", session + "/element", Map.of("using", "css selector", "value", css)).path("value").path(ELEMENT)
                .asText();
    }

    /** Saves what the page shows as a PNG. */
    Path screenshot(Path file) throws IOException {
        byte[] png = Base64.getDecoder().decode(call("GET", session + "/screenshot", null).path("value").asText());
        Files.createDirectories(file.getParent());
        return Files.write(file, png);
    }

    @Override
    public void close() {
        try {
            call("DELETE", session, null);
        } finally {
            driver.destroy();
        }
    }

    private static JsonNode call(String method, String url, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executable(String name, String usual) {
        return Files.isExecutable(Path.of(usual)) ? usual : name;
    }
}
