package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes events through the binder. Called on a listener thread of a transactional binder, the
 * send joins the listener's Kafka transaction, so consume, produce and offset commit are atomic.
 */
public class BinderEventPublisher implements EventPublisher {

    private final StreamBridge streamBridge;

    public BinderEventPublisher(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    @Override
    public <P> void publish(EventType<P> type, EventEnvelope<P> event) {
        Message<byte[]> message = MessageBuilder.withPayload(EventJson.write(event))
                .setHeader(KafkaHeaders.KEY, event.intakeId().getBytes(StandardCharsets.UTF_8))
                .setHeader(EVENT_TYPE_HEADER, type.name())
                .build();
        if (!streamBridge.send(type.topic(), message)) {
            throw new TransientFailure("PUBLISH_NOT_ACCEPTED");
        }
    }
}
