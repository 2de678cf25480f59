package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentwallex.contract.events.AuthTopics;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * AuthTopics is the one source of topic names; every other place that writes one (the local
 * broker's setup in deploy/local/awx, its ACLs, DevTools, the Kubernetes manifests, these tests)
 * must agree with it. The Strimzi KafkaTopics are held to it by KafkaTopicsTest.
 */
class TopicNamesTest {

    private static final Path DEPLOY = Manifests.REPO.resolve("deploy");

    @Test
    void theContractNamesItsTopics() {
        assertThat(ContractTopics.ALL).contains(AuthTopics.AUTH_EVENTS, AuthTopics.AUTH_EVENTS_DLQ,
                AuthTopics.SESSION_REVOCATIONS, AuthTopics.API_KEY_REVOCATIONS);
    }

    @Test
    void theLocalBrokerGetsEveryTopicOfTheContractAndNoOther() throws IOException {
        String awx = Files.readString(DEPLOY.resolve("local/awx"));
        Matcher block = Pattern.compile("(?m)^TOPICS=\\(([^)]*)\\)").matcher(awx);
        assertThat(block.find()).as("TOPICS=(...) in deploy/local/awx").isTrue();
        // Each entry is "name:partitions[:config]".
        List<String> created = Pattern.compile("\"([^\"]*)\"").matcher(block.group(1)).results()
                .map(r -> r.group(1).split(":")[0]).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(ContractTopics.ALL);
    }

    @Test
    void everyTopicNamedUnderDeployIsATopicOfTheContract() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(Files::isRegularFile).filter(TopicNamesTest::isSource).toList()) {
                Set<String> named = ContractTopics.NAME.matcher(text(file)).results().map(MatchResult::group)
                        .collect(Collectors.toSet());
                named.stream().filter(name -> !ContractTopics.ALL.contains(name))
                        .forEach(name -> unknown.add(Manifests.REPO.relativize(file) + ": " + name));
            }
        }
        assertThat(unknown).as("topic names that are not in AuthTopics").isEmpty();
    }

    /** Build output and the local stack's state are not written by anyone. */
    private static boolean isSource(Path file) {
        Path relative = DEPLOY.relativize(file);
        for (Path part : relative) {
            if (part.toString().equals("target") || part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static String text(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        }
    }
}
