package com.agentwallex.auth.support;

import com.agentwallex.common.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what the service published, the way a downstream consumer would. */
public final class TestKafka {

    private TestKafka() {
    }

    public static List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            int expected, Duration timeout) {
        return TopicReader.readFromStart(topic, filter, expected, timeout);
    }
}
