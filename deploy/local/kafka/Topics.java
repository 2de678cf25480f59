// Creates the missing topics in one JVM (deploy/local/awx compiles it into .awx/kafka/classes and runs it);
// a TopicCommand per topic costs ~1.5 s each. Args: bootstrap, then name:partitions[:key=value] per topic.
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

public class Topics {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0], "client.id", "awx-topics"))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":", 3);
                if (existing.contains(spec[0])) continue;
                NewTopic topic = new NewTopic(spec[0], Integer.parseInt(spec[1]), (short) 1);
                if (spec.length == 3) {
                    String[] kv = spec[2].split("=", 2);
                    topic.configs(Map.of(kv[0], kv[1]));
                }
                missing.add(topic);
            }
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get();
                    System.out.println("created topic " + result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e; // a concurrent run made it
                }
            }
        }
    }
}
