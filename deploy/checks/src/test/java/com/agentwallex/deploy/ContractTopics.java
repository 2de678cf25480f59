package com.agentwallex.deploy;

import com.agentwallex.contract.events.AuthTopics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Kafka topics of the contract, read from the contract module's {@link AuthTopics}, the one place their
 * names are defined: every constant whose value is a topic name, so a topic added there is checked
 * everywhere here without a change to these tests.
 */
final class ContractTopics {

    /** How a topic's name looks wherever it is written: agentwallex.NAME.vN, maybe with a suffix (.dlq). */
    static final Pattern NAME = Pattern.compile("agentwallex\\.[a-z0-9-]+\\.v[0-9]+(?:\\.[a-z]+)*");

    static final Set<String> ALL = read();

    private ContractTopics() {
    }

    private static Set<String> read() {
        Set<String> topics = new TreeSet<>();
        for (Field field : AuthTopics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value;
                try {
                    value = (String) field.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (NAME.matcher(value).matches()) {
                    topics.add(value);
                }
            }
        }
        return Set.copyOf(topics);
    }
}
