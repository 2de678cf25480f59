package com.agentwallex.system.support;

import java.nio.file.Path;

/**
 * Every secret the stack handed out during the run (API keys, refresh tokens, exchange codes,
 * access tokens), one per line, so the hygiene check after the suite can look for each of them
 * literally, not only for their shapes.
 */
public final class Issued {

    static final Path LEDGER = Stack.WORK.resolve("issued-secrets.txt");

    private Issued() {
    }

    public static String secret(String value) {
        if (value != null && !value.isBlank()) {
            Stack.append(LEDGER, value + "\n");
        }
        return value;
    }
}
