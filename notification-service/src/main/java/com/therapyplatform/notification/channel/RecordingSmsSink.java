package com.therapyplatform.notification.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Records SMS instead of sending them, for the local stack and demos (provider {@code recording}).
 * Nothing is logged; the most recent messages are kept in memory, bounded, and shown by
 * {@code GET /local/sms}.
 */
public class RecordingSmsSink implements SmsChannel {

    public record RecordedSms(String to, String body, Instant at) {
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<RecordedSms> recorded = new ArrayDeque<>();

    public RecordingSmsSink(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized void send(String to, String body, String messageId, Instant causeAt) {
        if (recorded.size() == capacity) {
            recorded.removeFirst();
        }
        recorded.addLast(new RecordedSms(to, body, clock.instant()));
    }

    /** Oldest first. */
    public synchronized List<RecordedSms> recorded() {
        return List.copyOf(recorded);
    }
}
