// Creates the missing topics and the ACLs in one JVM (deploy/local/awx compiles it into .awx/kafka/classes and
// runs it); a TopicCommand per topic costs ~1.5 s each. Args: the admin's client properties file, the ACL file,
// then name:partitions[:key=value] per topic.
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class Topics {
    public static void main(String[] args) throws Exception {
        Properties client = new Properties();
        try (FileReader in = new FileReader(args[0])) {
            client.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        client.forEach((k, v) -> config.put((String) k, v));
        config.put("client.id", "awx-topics");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
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
            // Creating an ACL that exists is a no-op, so the whole file is applied every time.
            List<AclBinding> acls = acls(Path.of(args[1]));
            admin.createAcls(acls).all().get();
            System.out.println(acls.size() + " ACLs in place");
        }
    }

    /** Lines of "user resource-type name literal|prefixed operation[,operation…]"; # starts a comment. */
    static List<AclBinding> acls(Path file) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.replaceAll("#.*", "").trim();
            if (text.isEmpty()) continue;
            String[] f = text.split("\\s+");
            ResourcePattern resource = new ResourcePattern(ResourceType.fromString(f[1].toUpperCase(Locale.ROOT)), f[2],
                    PatternType.fromString(f[3].toUpperCase(Locale.ROOT)));
            for (String operation : f[4].split(",")) {
                acls.add(new AclBinding(resource, new AccessControlEntry("User:" + f[0], "*",
                        AclOperation.fromString(operation.toUpperCase(Locale.ROOT)), AclPermissionType.ALLOW)));
            }
        }
        return acls;
    }
}
