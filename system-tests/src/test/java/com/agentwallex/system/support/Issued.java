package com.agentwallex.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Every secret of this run, one per line: what the stack was given (service credential, hash,
 * refresh, cursor and state secrets, the OIDC client secret, the signing key, whatever awx keeps
 * in {@code .awx/secrets}) and what it handed out (API keys, refresh tokens, exchange codes,
 * access tokens). The hygiene check after the suite looks for each of them literally. The ledger
 * starts empty with every run of the stack.
 */
public final class Issued {

    static final Path LEDGER = Stack.WORK.resolve("issued-secrets.txt");
    /** Lines of the ledger say what kind of secret follows, so the check can tell that every kind was seen. */
    public enum Kind { CONFIGURED, API_KEY, REFRESH_TOKEN, EXCHANGE_CODE, ACCESS_TOKEN, PROVIDER }

    private Issued() {
    }

    /** Something the stack handed out; for a JWT only its signature, the part that makes it usable. */
    public static String secret(String value) {
        if (value == null || value.isBlank()) {
            return value;
        }
        Kind kind = value.startsWith("awx_rt_") ? Kind.REFRESH_TOKEN : value.startsWith("awx_ec_") ? Kind.EXCHANGE_CODE
                : value.startsWith("awx_") ? Kind.API_KEY : Kind.ACCESS_TOKEN;
        record(kind, kind == Kind.ACCESS_TOKEN ? value.substring(value.lastIndexOf('.') + 1) : value);
        return value;
    }

    /** What the identity provider handed the browser for us: its authorization code, our state. */
    static void provider(String value) {
        if (value != null) {
            record(Kind.PROVIDER, value);
        }
    }

    /** Something the stack was given. */
    static String configured(String value) {
        record(Kind.CONFIGURED, value);
        return value;
    }

    static void reset() {
        try {
            Files.deleteIfExists(LEDGER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path awxSecrets = Stack.ROOT.resolve(".awx/secrets");
        if (Files.isDirectory(awxSecrets)) {
            try (Stream<Path> files = Files.list(awxSecrets)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    // Line by line: a ledger entry is one line, and `awx up` leaves a PEM key here
                    // (the local secret-scanning reporter's) whose lines are its secret.
                    Files.readString(f).lines().forEach(Issued::configured);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void record(Kind kind, String value) {
        if (value.strip().length() >= 16) {
            Stack.append(LEDGER, kind + " " + value.strip() + "\n");
        }
    }
}
