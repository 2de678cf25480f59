package com.agentwallex.system.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The infrastructure under the stack, taken away and given back for real: the Kafka broker that
 * `awx` started, and the machine's PostgreSQL cluster.
 */
public final class Infra {

    private static final Path AWX = Stack.ROOT.resolve("deploy/local/awx");

    private Infra() {
    }

    /** Skips the calling test where the broker is not one that `awx` started (and may stop). */
    public static void assumeKafkaIsOurs() {
        assumeTrue(Files.exists(Stack.ROOT.resolve(".awx/pids/kafka.pid")), "Kafka was not started by awx");
    }

    public static void stopKafka() {
        run(List.of("bash", AWX.toString(), "kafka-stop"));
    }

    /** `awx infra` starts the broker again (and checks topics, databases and the OIDC provider). */
    public static void startKafka() {
        run(List.of("bash", AWX.toString(), "infra"));
    }

    /** Fast shutdown of the local cluster: every connection of every service is cut. */
    public static void stopPostgres() {
        run(pgCtl("stop", "-m", "fast"));
    }

    public static void startPostgres() {
        run(pgCtl("start"));
    }

    /** Skips the calling test where PostgreSQL is not a local Debian cluster this user may restart. */
    public static void assumePostgresIsLocal() {
        String host = System.getenv().getOrDefault("AWX_DB_HOST", "127.0.0.1");
        assumeTrue(host.equals("127.0.0.1") || host.equals("localhost"), "PostgreSQL is not local");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster")), "no pg_ctlcluster here");
        assumeTrue(clusterVersion() != null, "no cluster under /etc/postgresql");
    }

    private static List<String> pgCtl(String... args) {
        List<String> command = new java.util.ArrayList<>(
                List.of("pg_ctlcluster", "--skip-systemctl-redirect", clusterVersion(), "main"));
        command.addAll(List.of(args));
        return command;
    }

    private static String clusterVersion() {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Stack.WORK.resolve("infra.log").toFile())).start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + Stack.WORK.resolve("infra.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
