import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics of deploy/topics.txt that do not exist yet (idempotent).
 * Run as a single-file program against the broker's own jars:
 * {@code java -cp 'lib/*' CreateTopics.java 127.0.0.1:9092 deploy/topics.txt}
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Map<String, NewTopic> wanted = Files.readAllLines(Path.of(args[1])).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .collect(Collectors.toMap(f -> f[0], CreateTopics::topic));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
            System.out.printf("topics: %d present, %d created%n", wanted.size() - missing.size(), missing.size());
        }
    }

    /** "name partitions [k=v,k=v]" */
    private static NewTopic topic(String[] fields) {
        NewTopic topic = new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1);
        if (fields.length > 2) {
            topic.configs(Arrays.stream(fields[2].split(",")).map(kv -> kv.split("=", 2))
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1])));
        }
        return topic;
    }
}
