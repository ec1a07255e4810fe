package dev.paysaga.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Locally every process listens on loopback only: the public address is the gateway's. Read from the
 * kernel's socket tables (/proc/net/tcp, tcp6), so no packet goes anywhere but here.
 */
class LoopbackTest {
    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    static Stream<String> processes() {
        return Stream.concat(Suite.PORTS.keySet().stream(), Stream.of("gateway"));
    }

    @ParameterizedTest
    @MethodSource("processes")
    void listensOnLoopbackOnly(String process) throws IOException {
        int port = process.equals("gateway") ? Integer.parseInt(Suite.GATEWAY.substring(Suite.GATEWAY.lastIndexOf(':') + 1))
                : Suite.PORTS.get(process);
        assertEquals(Set.of("127.0.0.1"), listeningAddresses(port), process + " on port " + port);
    }

    /** The local addresses of the sockets listening on {@code port}, IPv4-mapped IPv6 ones as IPv4. */
    private static Set<String> listeningAddresses(int port) throws IOException {
        Set<String> addresses = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> sockets = Files.readAllLines(Path.of(table));
            for (String line : sockets.subList(1, sockets.size())) { // below the header line
                String[] f = line.strip().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals("0A") && Integer.parseInt(local[1], 16) == port) { // 0A: LISTEN
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    private static String address(String hex) {
        List<Integer> bytes = new ArrayList<>();
        for (int word = 0; word < hex.length(); word += 8) {
            for (int b = 6; b >= 0; b -= 2) {
                bytes.add(Integer.parseInt(hex.substring(word + b, word + b + 2), 16));
            }
        }
        boolean ipv4Mapped = bytes.size() == 16 && bytes.subList(0, 10).stream().allMatch(b -> b == 0)
                && bytes.get(10) == 0xff && bytes.get(11) == 0xff;
        List<Integer> v4 = bytes.size() == 4 ? bytes : ipv4Mapped ? bytes.subList(12, 16) : null;
        if (v4 != null) {
            return v4.get(0) + "." + v4.get(1) + "." + v4.get(2) + "." + v4.get(3);
        }
        StringBuilder v6 = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            v6.append(i == 0 ? "" : ":").append(Integer.toHexString(bytes.get(i) << 8 | bytes.get(i + 1)));
        }
        return v6.toString();
    }
}
