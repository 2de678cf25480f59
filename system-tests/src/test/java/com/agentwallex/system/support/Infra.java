package com.agentwallex.system.support;

import com.agentwallex.common.testing.TcpProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL cluster under the stack, taken away and given back for real: the cluster that
 * serves {@code AWX_DB_PORT}, found through Debian's cluster tools. Where that cluster cannot be
 * controlled from here the fault tests fail, never skip: a skipped fault proves nothing. (The
 * Kafka broker's faults are common's {@code LocalKafka}.) A cluster that is no Debian cluster (the
 * password-only one of {@code deploy/local/password-pg}) names its own control command in
 * {@code AWX_DB_PG_CTL}, which takes {@code pg_ctl}'s verbs.
 */
public final class Infra {

    static final String DB_HOST = System.getenv().getOrDefault("AWX_DB_HOST", "127.0.0.1");
    static final int DB_PORT = Integer.parseInt(System.getenv().getOrDefault("AWX_DB_PORT", "5432"));
    private static final String PG_CTL = System.getenv().getOrDefault("AWX_DB_PG_CTL", "");

    private Infra() {
    }

    /** Fast shutdown of the cluster serving the stack's port: every connection of every service is cut. */
    public static void stopPostgres() {
        run(pgCtl("stop", "-m", "fast"));
        if (postgresReachable()) {
            throw new IllegalStateException("PostgreSQL still answers on " + DB_HOST + ":" + DB_PORT + " after stopping it");
        }
    }

    public static void startPostgres() {
        run(pgCtl("start"));
    }

    public static boolean postgresReachable() {
        return TcpProbe.answers(DB_HOST, DB_PORT);
    }

    private static List<String> pgCtl(String... args) {
        List<String> command = new ArrayList<>();
        if (!PG_CTL.isBlank()) {
            command.add(PG_CTL);
            command.addAll(List.of(args));
            return command;
        }
        command.addAll(List.of("pg_ctlcluster", "--skip-systemctl-redirect"));
        command.addAll(servingCluster());
        command.addAll(List.of(args));
        return command;
    }

    /** Version and name of the local cluster on {@code AWX_DB_PORT}, from {@code pg_lsclusters}. */
    static List<String> servingCluster() {
        if (!DB_HOST.equals("127.0.0.1") && !DB_HOST.equals("localhost")) {
            throw new IllegalStateException("the PostgreSQL fault needs a local cluster; AWX_DB_HOST is " + DB_HOST);
        }
        String listing;
        try {
            Process p = new ProcessBuilder("pg_lsclusters", "--no-header").redirectErrorStream(true).start();
            listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("pg_lsclusters is needed to find the cluster on port " + DB_PORT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[2].equals(Integer.toString(DB_PORT))) {
                return List.of(f[0], f[1]);
            }
        }
        throw new IllegalStateException("no local cluster serves port " + DB_PORT + ":\n" + listing);
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
