package com.agentwallex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `deploy/local/awx help` is generated from the verbs themselves (the `#:` line above each verb_
 * function) and refuses to print when the two disagree, so running it here fails the build for a
 * verb added without its line; every `awx VERB` the documentation names must be one it lists.
 */
class AwxHelpTest {

    private static final Path AWX = Manifests.REPO.resolve("deploy/local/awx");
    private static final Pattern HELP_LINE = Pattern.compile("(?m)^  deploy/local/awx ([a-z][a-z-]*)");
    /** `awx VERB` in a code span, or deploy/local/awx VERB: prose such as "awx runs" is not a verb. */
    private static final Pattern DOCUMENTED = Pattern.compile("(?:`awx|deploy/local/awx) ([a-z][a-z-]*)");

    private record Run(int exit, String out) {}

    @Test
    void helpListsTheVerbsTheScriptsAndTestsUse() throws Exception {
        Run help = run(AWX, "help");
        assertThat(help.exit()).as(help.out()).isZero();
        assertThat(verbs(help.out())).contains("up", "down", "status", "test", "infra", "env", "token", "event",
                "kafka-stop", "plan", "prometheus", "dashboard-test", "test-password-pg", "restart", "aot", "help");
    }

    @Test
    void aVerbWithoutItsHelpLineFailsHelp(@TempDir Path copy) throws Exception {
        // The script as it is, plus one verb_ function with no #: line, beside the files it sources.
        Files.createDirectories(copy.resolve("deploy/local"));
        Files.copy(Manifests.REPO.resolve("deploy/use-jdk"), copy.resolve("deploy/use-jdk"));
        Files.copy(Manifests.REPO.resolve("deploy/local/lib.sh"), copy.resolve("deploy/local/lib.sh"));
        String script = Files.readString(AWX);
        String dispatch = "\nverb=\"${1:-help}\"";
        assertThat(script).as("the dispatch in deploy/local/awx").contains(dispatch);
        Path awx = copy.resolve("deploy/local/awx");
        Files.writeString(awx, script.replace(dispatch, "\nverb_undocumented() { :; }" + dispatch));

        Run help = run(awx, "help");
        assertThat(help.exit()).isNotZero();
        assertThat(help.out()).contains("undocumented");
    }

    @Test
    void everyVerbTheDocumentationNamesIsOneAwxHas() throws Exception {
        Set<String> verbs = verbs(run(AWX, "help").out());
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Manifests.REPO)) {
            for (Path md : files.filter(AwxHelpTest::isDocumentation).toList()) {
                DOCUMENTED.matcher(Files.readString(md)).results().map(m -> m.group(1)).filter(v -> !verbs.contains(v))
                        .forEach(v -> unknown.add(Manifests.REPO.relativize(md) + ": awx " + v));
            }
        }
        assertThat(unknown).as("verbs the documentation names that `awx help` does not list").isEmpty();
    }

    private static Set<String> verbs(String help) {
        return HELP_LINE.matcher(help).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isDocumentation(Path file) {
        if (!file.toString().endsWith(".md")) {
            return false;
        }
        for (Path part : Manifests.REPO.relativize(file)) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static Run run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("bash", script.toString()), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("awx help finished").isTrue();
        return new Run(process.exitValue(), out);
    }
}
