package com.agentwallex.sdk;

import java.security.SecureRandom;

/** Well-formed keys for tests, made by the published recipe. */
final class Keys {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    static String of(Environment environment) {
        StringBuilder body = new StringBuilder("awx_").append(environment.wireName()).append('_');
        for (int i = 0; i < 27; i++) {
            body.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return body + KeyFormat.checksum(body.toString());
    }
}
