package dev.paysaga.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from {@code /proc}) of everything a benchmark runs on, grouped by what it
 * is: each PaySaga service (its pid file), the Kafka broker, each database's PostgreSQL backends
 * (their process title names the database), PostgreSQL's own background processes, Redis, the
 * gateway, the benchmark client itself, and the whole machine. Two snapshots give what a run cost.
 * A backend that exits between them takes its time with it: the machine total still counts it.
 */
final class ProcessCpu {
    /** USER_HZ: Linux reports process times in hundredths of a second on every architecture we run on. */
    private static final double MILLIS_PER_TICK = 10.0;
    static final String MACHINE = "(whole machine)";
    /** A backend's title: "postgres: [cluster: ]user database client(port) state". */
    private static final Pattern BACKEND = Pattern.compile("^postgres: (?:\\S+: )?\\S+ (\\S+) \\S+\\(\\d+\\)");

    private ProcessCpu() {
    }

    /** Milliseconds of CPU so far, per group, plus {@link #MACHINE}. */
    static Map<String, Double> snapshot() {
        Map<String, Double> groups = new TreeMap<>();
        Map<Long, String> services = servicePids();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
                long pid = Long.parseLong(dir.getFileName().toString());
                String group = pid == self ? "benchmark client" : services.getOrDefault(pid, groupOf(dir));
                if (group != null) {
                    double millis = cpuMillis(dir);
                    if (millis > 0) {
                        groups.merge(group, millis, Double::sum);
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        groups.put(MACHINE, machineBusyMillis());
        return groups;
    }

    /** after − before, per group. */
    static Map<String, Double> spent(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new TreeMap<>();
        after.forEach((group, millis) -> spent.put(group, millis - before.getOrDefault(group, 0.0)));
        return spent;
    }

    private static Map<Long, String> servicePids() {
        Map<Long, String> pids = new TreeMap<>();
        Path dir = Suite.ROOT.resolve(".paysaga/pids");
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            files.filter(f -> f.toString().endsWith(".pid")).forEach(f -> {
                try {
                    String name = f.getFileName().toString().replace(".pid", "");
                    pids.put(Long.parseLong(Files.readString(f).trim()), name);
                } catch (IOException | NumberFormatException e) {
                    // a pid file being rewritten: that service is counted under "other"
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    /** The group of a process that is not one of our services, or null for what is not ours to count. */
    private static String groupOf(Path dir) {
        String cmdline = read(dir.resolve("cmdline")).replace('\0', ' ').trim();
        if (cmdline.startsWith("postgres: ")) {
            Matcher backend = BACKEND.matcher(cmdline);
            return backend.find() ? "postgres " + backend.group(1) : "postgres (background)";
        }
        if (cmdline.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (cmdline.startsWith("redis-server")) {
            return "redis";
        }
        if (cmdline.startsWith("nginx")) {
            return "gateway (nginx)";
        }
        return null;
    }

    private static double cpuMillis(Path dir) {
        String stat = read(dir.resolve("stat"));
        int end = stat.lastIndexOf(')'); // the command name may hold spaces
        if (end < 0) {
            return 0;
        }
        String[] fields = stat.substring(end + 2).split(" ");
        // fields[0] is the state (stat field 3): utime and stime are stat fields 14 and 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }

    private static double machineBusyMillis() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        // user nice system idle iowait irq softirq steal: everything but idle and iowait
        for (int i : List.of(1, 2, 3, 6, 7, 8)) {
            busy += Long.parseLong(cpu[i]);
        }
        return busy * MILLIS_PER_TICK;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // the process ended meanwhile
        }
    }
}
