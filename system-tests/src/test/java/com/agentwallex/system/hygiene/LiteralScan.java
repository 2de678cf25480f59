package com.agentwallex.system.hygiene;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds any of a few thousand known strings in megabytes of text in one pass per distinct length:
 * a rolling hash over every window of that length, a bit set to dismiss almost every window
 * cheaply, and an exact comparison for the rest. Searching each secret separately would scan the
 * text thousands of times.
 */
final class LiteralScan {

    private static final long BASE = 1_000_003L;
    private static final int BITS = 1 << 22;

    private final Map<Integer, Map<Long, List<String>>> byLength = new HashMap<>();
    private final Map<Integer, Long> topPower = new HashMap<>();
    private final long[] filter = new long[BITS / 64];

    LiteralScan(Collection<String> needles) {
        for (String needle : needles) {
            long hash = hash(needle);
            byLength.computeIfAbsent(needle.length(), l -> new HashMap<>())
                    .computeIfAbsent(hash, h -> new ArrayList<>()).add(needle);
            int bit = bit(hash);
            filter[bit >>> 6] |= 1L << bit;
        }
        for (int length : byLength.keySet()) {
            long power = 1;
            for (int i = 1; i < length; i++) {
                power *= BASE;
            }
            topPower.put(length, power);
        }
    }

    /** The needles that occur in {@code text}. */
    List<String> find(String text) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Integer, Map<Long, List<String>>> e : byLength.entrySet()) {
            int length = e.getKey();
            if (text.length() < length) {
                continue;
            }
            long power = topPower.get(length);
            long hash = hash(text.substring(0, length));
            for (int i = 0; ; i++) {
                int bit = bit(hash);
                if ((filter[bit >>> 6] & (1L << bit)) != 0) {
                    for (String needle : e.getValue().getOrDefault(hash, List.of())) {
                        if (text.regionMatches(i, needle, 0, length)) {
                            found.add(needle);
                        }
                    }
                }
                if (i + length >= text.length()) {
                    break;
                }
                hash = (hash - text.charAt(i) * power) * BASE + text.charAt(i + length);
            }
        }
        return found;
    }

    private static long hash(String s) {
        long h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    private static int bit(long hash) {
        return (int) ((hash ^ (hash >>> 29)) & (BITS - 1));
    }
}
