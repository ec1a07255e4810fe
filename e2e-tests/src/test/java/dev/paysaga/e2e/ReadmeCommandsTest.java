package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README opens with the two commands a newcomer types, and CI runs the second of them. */
class ReadmeCommandsTest {

    @Test
    void readmeOpensWithRunAndTestAndCiRunsTheTestCommand() throws IOException {
        List<String> commands = firstCodeBlock();
        assertEquals(2, commands.size(), "the README must open with exactly two commands: " + commands);
        String run = commands.get(0), test = commands.get(1);
        assertTrue(Files.isExecutable(Suite.ROOT.resolve(run)), run + " is not an executable script");
        assertTrue(Files.isExecutable(Suite.ROOT.resolve(test)), test + " is not an executable script");

        String ci = Files.readString(Suite.ROOT.resolve(".ci/run"));
        assertTrue(ci.lines().map(String::strip).anyMatch(line -> line.equals("exec " + test)),
                ".ci/run must run the README's test command " + test);
    }

    /** The commands of the README's first fenced block, without their comments. */
    private static List<String> firstCodeBlock() throws IOException {
        List<String> lines = Files.readAllLines(Suite.ROOT.resolve("README.md"));
        int open = lines.indexOf("```bash");
        assertTrue(open >= 0 && open < 5, "the README must start with a bash block");
        return lines.subList(open + 1, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("```"))
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
