package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.Topics;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer interceptor for the Kafka Streams global consumers
 * ({@code spring.kafka.streams.properties.global.consumer.interceptor.classes}): while the hold is on, a
 * poll that returned routine contacts ({@code intake.contact.v1}) is held before its records reach the
 * stores, as if the consumer were still busy with a backlog of them. Whatever else that consumer reads
 * waits with it; a consumer that reads no routine contacts is never held.
 */
public class RoutineContactsHold implements ConsumerInterceptor<Object, Object> {

    private static final long MAX_HOLD_SECONDS = 120; // a failed test never wedges a consumer for good
    private static volatile CountDownLatch released = new CountDownLatch(0);
    private static final AtomicInteger held = new AtomicInteger();

    static void hold() {
        held.set(0);
        released = new CountDownLatch(1);
    }

    static void release() {
        released.countDown();
    }

    /** Polls held since {@link #hold()}: a consumer is waiting with routine contacts it has not stored. */
    static int held() {
        return held.get();
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        CountDownLatch latch = released;
        if (latch.getCount() > 0
                && records.partitions().stream().anyMatch(p -> p.topic().equals(Topics.INTAKE_CONTACT))) {
            held.incrementAndGet();
            try {
                latch.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
