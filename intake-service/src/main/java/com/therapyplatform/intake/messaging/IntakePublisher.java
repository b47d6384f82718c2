package com.therapyplatform.intake.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.intake.idempotency.AcceptedSubmission;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes an intake's two events, its status token hash and (with an idempotency key) its key record in
 * one Kafka transaction. When {@link #publish} returns, the
 * transaction is committed, so both are durably acknowledged (acks=all); if it throws, neither is
 * visible to read-committed consumers, and no half-published intake exists.
 */
@Component
public class IntakePublisher {

    private final KafkaTemplate<byte[], byte[]> kafka;

    public IntakePublisher(KafkaTemplate<byte[], byte[]> kafka) {
        this.kafka = kafka;
    }

    /** {@code statusTokenHash} goes to the status read model's own topic, never beside the answers. */
    public void publish(EventEnvelope<IntakeSubmitted> submitted, EventEnvelope<IntakeContactProvided> contact,
            String statusTokenHash) {
        publish(submitted, contact, statusTokenHash, null, null);
    }

    /**
     * As {@link #publish(EventEnvelope, EventEnvelope, String)}, and records the submission under its
     * idempotency key in the same transaction: a key is never recorded without its intake, nor an intake
     * without its key.
     */
    public void publish(EventEnvelope<IntakeSubmitted> submitted, EventEnvelope<IntakeContactProvided> contact,
            String statusTokenHash, String idempotencyRecordKey, AcceptedSubmission accepted) {
        kafka.executeInTransaction(operations -> {
            if (idempotencyRecordKey != null) {
                operations.send(new ProducerRecord<>(Topics.INTAKE_IDEMPOTENCY_KEYS,
                        idempotencyRecordKey.getBytes(StandardCharsets.US_ASCII), IdempotencyStreams.write(accepted)));
            }
            operations.send(record(Events.INTAKE_SUBMITTED.topic(), submitted));
            operations.send(record(Events.INTAKE_CONTACT_PROVIDED.topic(), contact));
            operations.send(new ProducerRecord<>(Topics.INTAKE_STATUS_TOKENS,
                    submitted.intakeId().getBytes(StandardCharsets.UTF_8),
                    statusTokenHash.getBytes(StandardCharsets.US_ASCII)));
            return null;
        });
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, EventEnvelope<?> event) {
        return new ProducerRecord<>(topic, event.intakeId().getBytes(StandardCharsets.UTF_8), EventJson.write(event));
    }
}
