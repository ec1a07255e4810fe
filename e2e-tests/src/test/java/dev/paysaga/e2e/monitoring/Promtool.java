package dev.paysaga.e2e.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs promtool and fails the test with its output when it says no. */
final class Promtool {
    private Promtool() {
    }

    static String run(Path directory, String... args) {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool " + String.join(" ", args) + " did not finish within 60 s:\n" + output);
            }
            assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
            return output;
        } catch (IOException e) {
            return fail("cannot run promtool (Debian's prometheus package: deploy/local/require-tools.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }
}
