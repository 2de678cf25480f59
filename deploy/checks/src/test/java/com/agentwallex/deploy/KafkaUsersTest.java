package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each service talks to Kafka as its own user, with exactly the rights the local broker gives it
 * (deploy/local/kafka/acls, which the tests run against): nothing more in production, so a stolen
 * service credential cannot write another service's topics or read what it has no need of.
 */
class KafkaUsersTest {

    private static final Map<String, String> PASSWORD_VARIABLES = Map.of(
            "auth-service", "AWX_AUTH_KAFKA_PASSWORD",
            "apikey-service", "AWX_APIKEY_KAFKA_PASSWORD",
            "audit-service", "AWX_AUDIT_KAFKA_PASSWORD");

    @Test
    void everyServiceHasAScramUserWithTheLocalBrokersAcls() throws IOException {
        Map<String, KafkaUser> users = Manifests.ofType(KafkaUser.class).stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(Services.NAMES);
        Map<String, Set<String>> local = localAcls();
        for (String service : Services.NAMES) {
            KafkaUser user = users.get(service);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "awx-kafka");
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
            Set<String> granted = new TreeSet<>();
            for (AclRule rule : authorization.getAcls()) {
                assertThat(rule.getType()).as("%s grants only", service).isIn(null, io.strimzi.api.kafka.model.user.acl.AclRuleType.ALLOW);
                rule.getOperations().forEach(op -> granted.add(describe(rule) + " " + op.toValue().toLowerCase(Locale.ROOT)));
            }
            assertThat(granted).as(service).isEqualTo(local.get(service));
        }
    }

    @Test
    void everyServiceReadsItsKafkaPasswordFromItsUsersSecret() {
        for (String service : Services.NAMES) {
            EnvVar password = Services.container(service).getEnv().stream()
                    .filter(e -> e.getName().equals(PASSWORD_VARIABLES.get(service))).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no " + PASSWORD_VARIABLES.get(service)));
            assertThat(password.getValueFrom().getSecretKeyRef().getName()).as(service).isEqualTo(service);
            assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
            assertThat(Services.variablesRead(service)).contains(PASSWORD_VARIABLES.get(service));
        }
    }

    private static String describe(AclRule rule) {
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            return "topic " + topic.getName() + " " + pattern(topic.getPatternType().toValue());
        }
        if (rule.getResource() instanceof AclRuleGroupResource group) {
            return "group " + group.getName() + " " + pattern(group.getPatternType().toValue());
        }
        throw new AssertionError("unexpected ACL resource " + rule.getResource());
    }

    /** Strimzi says "prefix" where Kafka (and the local file) says "prefixed". */
    private static String pattern(String strimzi) {
        return strimzi.equals("prefix") ? "prefixed" : strimzi;
    }

    /** user → "type name pattern operation" lines of deploy/local/kafka/acls. */
    private static Map<String, Set<String>> localAcls() throws IOException {
        Map<String, Set<String>> acls = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Manifests.REPO.resolve("deploy/local/kafka/acls"))) {
            String text = line.replaceAll("#.*", "").trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] f = text.split("\\s+");
            for (String op : f[4].split(",")) {
                acls.computeIfAbsent(f[0], u -> new TreeSet<>()).add(f[1] + " " + f[2] + " " + f[3] + " " + op);
            }
        }
        return acls;
    }
}
