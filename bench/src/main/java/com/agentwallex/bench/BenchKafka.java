package com.agentwallex.bench;

import com.agentwallex.common.kafka.KafkaClients;
import com.agentwallex.common.testing.TestKafkaClients;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** The local broker as the benchmarks reach it: as its administrator, through the services' client factory. */
public final class BenchKafka {

    private BenchKafka() {
    }

    public static KafkaClients clients(String bootstrap) {
        return new KafkaClients(TestKafkaClients.asAdmin(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap)));
    }
}
