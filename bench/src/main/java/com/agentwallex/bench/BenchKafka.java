package com.agentwallex.bench;

import com.agentwallex.common.kafka.KafkaClients;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** The local broker as the benchmarks reach it: the same client factory as the services. */
public final class BenchKafka {

    private BenchKafka() {
    }

    public static KafkaClients clients(String bootstrap) {
        return new KafkaClients(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
