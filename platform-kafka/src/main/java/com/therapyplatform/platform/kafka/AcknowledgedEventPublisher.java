package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes each event with the service's own {@link KafkaTemplate} and returns once the broker has
 * acknowledged it, for a service whose sends join no Kafka transaction (notification-service: what it
 * records are mail and SMS already sent). The template's observation carries the trace on, as the binder's
 * does. Through the binder ({@link BinderEventPublisher}) each event also passed Spring Cloud Function's
 * invocation wrapper, its observation and a message channel: three quarters of what a publish cost
 * (docs/benchmarks/tuning.md, change 23).
 */
public class AcknowledgedEventPublisher implements EventPublisher, SmartInitializingSingleton {

    static final String NOT_ACKNOWLEDGED = "PUBLISH_NOT_ACKNOWLEDGED";

    private static final Logger log = LoggerFactory.getLogger(AcknowledgedEventPublisher.class);

    private final KafkaTemplate<byte[], byte[]> template;
    private final List<String> topics;

    /** @param topics the topics it publishes to: their metadata is fetched at start-up, not at the first event */
    public AcknowledgedEventPublisher(KafkaTemplate<byte[], byte[]> template, List<String> topics) {
        this.template = template;
        this.topics = List.copyOf(topics);
    }

    @Override
    public <P> void publish(EventType<P> type, EventEnvelope<P> event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(type.topic(), null,
                event.intakeId().getBytes(StandardCharsets.UTF_8), EventJson.write(event),
                List.of(new RecordHeader(EVENT_TYPE_HEADER, type.name().getBytes(StandardCharsets.UTF_8))));
        try {
            template.send(record).get();
        } catch (ExecutionException e) {
            throw new TransientFailure(NOT_ACKNOWLEDGED, e.getCause());
        } catch (KafkaException | org.springframework.kafka.KafkaException e) { // e.g. no metadata within max.block.ms
            throw new TransientFailure(NOT_ACKNOWLEDGED, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("PUBLISH_INTERRUPTED", e);
        }
    }

    /**
     * The producer created and its topics' leaders known before the first (crisis) event needs them. On a
     * thread of its own: with the broker unreachable, a metadata request blocks for {@code max.block.ms}
     * (60 s), and start-up (and the management port's probes) must not wait for it. If it fails, the first
     * event does the same work.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Thread warmUp = new Thread(this::warmUp, "event-publisher-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    void warmUp() {
        for (String topic : topics) {
            try {
                template.partitionsFor(topic);
            } catch (RuntimeException e) {
                log.warn("Producer not warmed up for {}: {}", topic, e.getClass().getSimpleName());
                return;
            }
        }
    }
}
