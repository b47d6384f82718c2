package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import com.therapyplatform.platform.kafka.DeadLetters;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Records the processors write. Headers of the record being processed travel on (the W3C
 * {@code traceparent} among them, so an intake's trace runs through matching); dead letters add an error
 * class, a reason code and the record's origin, never an exception message, as everywhere on the platform.
 */
final class Outputs {

    private Outputs() {
    }

    static <P> Record<String, byte[]> event(Record<?, ?> cause, EventType<P> type, EventEnvelope<P> event) {
        Headers headers = copy(cause.headers());
        headers.remove(EventPublisher.EVENT_TYPE_HEADER);
        headers.add(EventPublisher.EVENT_TYPE_HEADER, type.name().getBytes(StandardCharsets.UTF_8));
        return new Record<>(event.intakeId(), EventJson.write(event), cause.timestamp(), headers);
    }

    static Record<String, byte[]> internal(Record<?, ?> cause, String key, Object value) {
        return new Record<>(key, value == null ? null : InternalJson.write(value), cause.timestamp(),
                copy(cause.headers()));
    }

    /**
     * The failed record as it came, with the error class, a reason code and where it came from added
     * (the same origin headers as the binder's dead letters, so one tool inspects and replays both).
     */
    static Record<String, byte[]> deadLetter(Record<String, byte[]> failed, RuntimeException failure,
            ProcessorContext<?, ?> context) {
        String reason = failure instanceof EventDecodingException e ? e.reason().name()
                : failure instanceof PoisonRecordException p ? p.reasonCode() : "UNCLASSIFIED";
        Headers headers = copy(failed.headers());
        headers.add(DeadLetters.ERROR_CLASS_HEADER, failure.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(origin -> {
            headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
                    ByteBuffer.allocate(Integer.BYTES).putInt(origin.partition()).array());
            headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(origin.offset()).array());
        });
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(failed.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, context.applicationId().getBytes(StandardCharsets.UTF_8));
        return new Record<>(failed.key(), failed.value(), failed.timestamp(), headers);
    }

    private static Headers copy(Headers headers) {
        return new RecordHeaders(headers == null ? new org.apache.kafka.common.header.Header[0] : headers.toArray());
    }
}
