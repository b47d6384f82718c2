package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** notification-service's audit events: on their topic once {@code publish} returns, or a transient failure. */
class AcknowledgedEventPublisherTest {

    @Test
    void anEventIsOnItsTopicKeyedByItsIntakeAndTypedInItsHeaderWhenPublishReturns() throws Exception {
        DefaultKafkaProducerFactory<byte[], byte[]> producers = producers(KafkaTestBroker.bootstrapServers(), Map.of());
        try (KafkaTestClient kafka = KafkaTestClient.connect();
                Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()))) {
            var publisher = new AcknowledgedEventPublisher(new KafkaTemplate<>(producers),
                    List.of(Topics.NOTIFICATION_SENT));
            try {
                admin.createTopics(List.of(new NewTopic(Topics.NOTIFICATION_SENT, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
            }
            publisher.warmUp();
            EventEnvelope<NotificationSent> sent = sent(SampleEvents.newIntakeId());
            long before = endOffsets(admin, 3);

            publisher.publish(Events.NOTIFICATION_SENT, sent);

            // acknowledged: already in the log when publish returns, nothing awaited
            assertThat(endOffsets(admin, 3)).isEqualTo(before + 1);
            var record = kafka.awaitRecords(Topics.NOTIFICATION_SENT, r -> sent.intakeId().equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0);
            assertThat(EventJson.read(record.value(), Events.NOTIFICATION_SENT)).isEqualTo(sent);
            assertThat(KafkaTestClient.header(record, EventPublisher.EVENT_TYPE_HEADER))
                    .isEqualTo(Events.NOTIFICATION_SENT.name());
        } finally {
            producers.destroy();
        }
    }

    @Test
    void withoutTheBrokerTheWarmUpGivesUpQuietlyAndAnEventIsATransientFailureSoItsRecordIsRetried() {
        DefaultKafkaProducerFactory<byte[], byte[]> producers = producers("127.0.0.1:1", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000));
        try {
            var publisher = new AcknowledgedEventPublisher(new KafkaTemplate<>(producers),
                    List.of(Topics.NOTIFICATION_SENT));
            publisher.warmUp(); // does not throw: start-up goes on without the broker

            assertThatThrownBy(() -> publisher.publish(Events.NOTIFICATION_SENT, sent(SampleEvents.newIntakeId())))
                    .isInstanceOfSatisfying(TransientFailure.class,
                            e -> assertThat(e.reasonCode()).isEqualTo(AcknowledgedEventPublisher.NOT_ACKNOWLEDGED));
        } finally {
            producers.destroy();
        }
    }

    private static EventEnvelope<NotificationSent> sent(String intakeId) {
        return EventEnvelope.first(Events.NOTIFICATION_SENT, intakeId, Instant.now(), new NotificationSent(
                NotificationReason.RECEIPT, Channel.EMAIL, "receipt", 1, intakeId + ":RECEIPT"));
    }

    private static DefaultKafkaProducerFactory<byte[], byte[]> producers(String bootstrap, Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        config.putAll(more);
        return new DefaultKafkaProducerFactory<>(config);
    }

    /** The sum of the topic's end offsets. */
    private static long endOffsets(Admin admin, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Topics.NOTIFICATION_SENT, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
}
