package dev.paysaga.sandbox.alipay;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fresh test keys for each test run, made by the real deploy/local/GenerateChannelKeys.java into a temporary
 * directory that the sandbox then reads as paysaga.sandbox.keys-dir.
 */
public class ChannelKeysResource implements QuarkusTestResourceLifecycleManager {
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("channel-keys");
            Path generator = Path.of("").toAbsolutePath().getParent().resolve("deploy/local/GenerateChannelKeys.java");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, generator.toString(), dir.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("GenerateChannelKeys exited " + process.exitValue() + ": " + output);
            }
            return Map.of("paysaga.sandbox.keys-dir", dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; nothing to do
        }
    }
}
