package com.therapyplatform.triage.messaging;

import com.therapyplatform.testsupport.KafkaTestClient;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A Kafka client on the test broker for tests of the running service ({@link TriageServiceTest}). */
abstract class TriageBrokerTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);
    static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static ConsumerRecord<String, byte[]> awaitOne(String topic, String intakeId) {
        return kafka.awaitRecords(topic, r -> intakeId.equals(r.key()), 1, WAIT).get(0);
    }
}
