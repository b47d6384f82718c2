package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How a failed record is classified, and what its dead letter says about it. The headers carry an
 * error class and a reason code only: exception messages and stack traces may quote the record's
 * PHI, so they are never written.
 */
public final class DeadLetters {

    public static final String ERROR_CLASS_HEADER = "x-dlt-error-class";
    public static final String REASON_HEADER = "x-dlt-reason";

    /** Failures of unknown kind are retried a few times, then dead-lettered, so no partition blocks forever. */
    static final int UNCLASSIFIED_RETRIES = 5;

    private DeadLetters() {
    }

    /** The failure that decides the record's fate: the first poison or transient cause, else the root. */
    static Throwable decisive(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EventDecodingException || t instanceof PoisonRecordException
                    || t instanceof TransientFailure) {
                return t;
            }
            root = t;
        }
        return root;
    }

    /** The record itself is at fault (it can never be handled): dead-letter it at once. */
    static boolean isPoison(Throwable decisive) {
        return decisive instanceof EventDecodingException || decisive instanceof PoisonRecordException;
    }

    static String reasonCode(Throwable decisive) {
        if (decisive instanceof EventDecodingException e) {
            return e.reason().name();
        }
        if (decisive instanceof PoisonRecordException e) {
            return e.reasonCode();
        }
        return "UNCLASSIFIED";
    }

    /** Unbounded attempts, bounded interval: wait it out, in order. */
    static BackOff transientBackOff() {
        ExponentialBackOff transientBackOff = new ExponentialBackOff(100, 2.0);
        transientBackOff.setMaxInterval(Duration.ofSeconds(5).toMillis());
        return transientBackOff;
    }

    static BackOff backOffFor(Throwable failure) {
        if (decisive(failure) instanceof TransientFailure) {
            return transientBackOff();
        }
        ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(UNCLASSIFIED_RETRIES);
        bounded.setInitialInterval(100);
        bounded.setMultiplier(2.0);
        bounded.setMaxInterval(Duration.ofSeconds(2).toMillis());
        return bounded;
    }

    /** Publishes to {@code <topic>.dlt} and counts each dead letter the broker acknowledged ({@link FlowMetrics#DEAD_LETTERS}). */
    static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> template, MeterRegistry registry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1)) {
            @Override
            protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> operations,
                    ConsumerRecord<?, ?> inRecord) {
                super.publish(outRecord, operations, inRecord); // throws when the send failed: nothing counted
                FlowMetrics.deadLettered(registry, inRecord.topic(), header(outRecord.headers(), ERROR_CLASS_HEADER),
                        header(outRecord.headers(), REASON_HEADER));
            }
        };
        recoverer.excludeHeader(HeadersToAdd.EXCEPTION, HeadersToAdd.EX_CAUSE, HeadersToAdd.EX_MSG,
                HeadersToAdd.EX_STACKTRACE);
        recoverer.setHeadersFunction(DeadLetters::headers);
        return recoverer;
    }

    private static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? "unknown" : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Headers headers(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable decisive = decisive(failure);
        RecordHeaders headers = new RecordHeaders();
        headers.add(ERROR_CLASS_HEADER, decisive.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        headers.add(REASON_HEADER, reasonCode(decisive).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
