package com.agentwallex.apikey.idempotency;

import com.agentwallex.contract.problem.InvalidParameterException;
import java.util.regex.Pattern;

/** The client's {@code Idempotency-Key} header: 1 to 255 visible ASCII characters (a UUID, typically). */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern SHAPE = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private IdempotencyKey() {
    }

    /** Null when the client sent none. */
    static String of(String header) {
        if (header == null) {
            return null;
        }
        if (!SHAPE.matcher(header).matches()) {
            throw new InvalidParameterException(HEADER, HEADER + " must be 1 to 255 visible ASCII characters");
        }
        return header;
    }
}
