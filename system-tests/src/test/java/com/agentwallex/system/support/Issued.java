package com.agentwallex.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every secret the stack handed out during the run (API keys, refresh tokens, exchange codes,
 * access tokens), one per line, so the hygiene check after the suite can look for each of them
 * literally, not only for their shapes.
 */
public final class Issued {

    static final Path LEDGER = Stack.WORK.resolve("issued-secrets.txt");

    private Issued() {
    }

    public static synchronized String secret(String value) {
        if (value != null && !value.isBlank()) {
            try {
                Files.createDirectories(LEDGER.getParent());
                Files.writeString(LEDGER, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value;
    }
}
