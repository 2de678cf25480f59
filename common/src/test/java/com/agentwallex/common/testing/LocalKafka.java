package com.agentwallex.common.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The broker that {@code deploy/local/awx} started for the test command, taken away and given
 * back for real. A fault test must show that its fault happened: {@link #stop()} fails unless the
 * broker is gone afterwards, so a test can never pass against a broker that kept running.
 */
public final class LocalKafka {

    private static final Path AWX = Path.of("..", "deploy", "local", "awx").toAbsolutePath().normalize();
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 9092;

    private LocalKafka() {
    }

    /** Stops the broker (awx fails when it did not start it) and checks that nothing answers on its port. */
    public static void stop() {
        awx("kafka-stop");
        if (reachable()) {
            throw new IllegalStateException("Kafka still answers on " + HOST + ":" + PORT + " after awx kafka-stop");
        }
    }

    /** {@code awx infra}: the broker again, with its topics. */
    public static void start() {
        awx("infra");
    }

    /** Whether anything accepts connections on the broker's port. */
    public static boolean reachable() {
        return TcpProbe.answers(HOST, PORT);
    }

    private static void awx(String verb) {
        // Into a file, not the test JVM's own stdout: surefire reads that stream as its channel.
        File log = Path.of("target", "awx-faults.log").toFile();
        try {
            Process p = new ProcessBuilder("bash", AWX.toString(), verb).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("awx " + verb + " failed; see " + log.getAbsolutePath());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
