package com.therapyplatform.faults;

import com.therapyplatform.faults.LoadDriver.Kind;
import com.therapyplatform.faults.LoadDriver.Outcome;
import com.therapyplatform.faults.LoadDriver.Submission;
import com.therapyplatform.faults.TopicReader.Rec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the pipeline while it runs, as an outside read_committed consumer: when each intake reached
 * its terminal matching outcome and its notifications (for recovery times and for quiescence). The
 * verdict itself comes from {@link Checker}, which reads everything again from the beginning.
 */
final class ProgressMonitor implements AutoCloseable {

    static final List<String> TOPICS = List.of("intake.triaged.v1", "intake.matched.v1", "intake.waitlisted.v1",
            "notification.sent.v1", "notification.failed.v1", "intake.submitted.v1", "intake.submitted.urgent.v1",
            "intake.contact.v1", "intake.urgent.v1", "intake.submitted.v1.dlt", "intake.submitted.urgent.v1.dlt",
            "intake.contact.v1.dlt", "intake.triaged.v1.dlt", "intake.urgent.v1.dlt", "intake.matched.v1.dlt",
            "intake.waitlisted.v1.dlt", PoisonProbe.MATCHING_DESK);

    /** An intake completed its matching stage: when it was seen, on which partition, when it was submitted. */
    record Completion(long seenAtMillis, int partition, long submittedAtMillis) {
    }

    private final String bootstrap;
    private final Thread thread;
    private volatile boolean running = true;
    private final List<Completion> completions = new ArrayList<>();
    private final Map<String, Set<String>> seen = new HashMap<>();
    /**
     * When each record was first seen, by topic|partition|offset. Record timestamps cannot tell: Kafka
     * Streams outputs and dead letters keep the timestamp of the record they came from.
     */
    private final Map<String, Long> seenAt = new HashMap<>();
    private final AtomicLong lastRecordAt = new AtomicLong(System.currentTimeMillis());
    private volatile Exception failure;

    ProgressMonitor(String bootstrap) {
        this.bootstrap = bootstrap;
        this.thread = new Thread(this::run, "progress-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(TopicReader.consumerProperties(bootstrap))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                // the topics appear when the services provision them
                Suite.await(topic + " exists", Duration.ofMinutes(5),
                        () -> consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic));
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!PoisonProbe.MATCHING_DESK.equals(r.topic())) {
                        // matching's internal traffic alone (offers from the waitlist) is not the pipeline moving
                        lastRecordAt.set(System.currentTimeMillis());
                    }
                    synchronized (this) {
                        seenAt.put(r.topic() + "|" + r.partition() + "|" + r.offset(), System.currentTimeMillis());
                    }
                    Rec rec = TopicReader.toRec(r);
                    if (rec.value() == null || rec.intakeId() == null) {
                        continue;
                    }
                    String what = rec.eventType();
                    if ("NotificationSent".equals(what) || "NotificationFailed".equals(what)) {
                        what = "N:" + rec.payload().path("reason").asString() + "|" + rec.payload().path("channel").asString();
                    }
                    synchronized (this) {
                        seen.computeIfAbsent(rec.intakeId(), k -> new HashSet<>()).add(what);
                        if (("ClinicianAssigned".equals(what) || "IntakeWaitlisted".equals(what)) && rec.submittedAt() != null) {
                            completions.add(new Completion(System.currentTimeMillis(), rec.partition(),
                                    Instant.parse(rec.submittedAt()).toEpochMilli()));
                        }
                    }
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** When the monitor first saw {@code rec}, or null. */
    synchronized Long seenAt(Rec rec) {
        return seenAt.get(rec.topic() + "|" + rec.partition() + "|" + rec.offset());
    }

    long lastRecordAt() {
        return lastRecordAt.get();
    }

    Exception failure() {
        return failure;
    }

    /** Accepted intakes still missing their triage, matching outcome, receipt or crisis notifications. */
    synchronized long pending(List<Submission> submissions) {
        long pending = 0;
        for (Submission s : submissions) {
            if (s.outcome() != Outcome.ACCEPTED) {
                continue;
            }
            Set<String> got = seen.getOrDefault(s.intakeId(), Set.of());
            boolean done = got.contains("IntakeTriaged")
                    && (got.contains("ClinicianAssigned") || got.contains("IntakeWaitlisted"));
            for (String channel : List.of("EMAIL", "SMS")) {
                if (channel.equals("EMAIL") ? s.emailConsent() : s.smsConsent()) {
                    done &= got.contains("N:RECEIPT|" + channel);
                    if (s.kind() == Kind.URGENT) {
                        done &= got.contains("N:CRISIS_RESOURCES|" + channel);
                    }
                    done &= got.contains("N:MATCH_CONFIRMATION|" + channel) || got.contains("N:WAITLIST_NOTICE|" + channel);
                }
            }
            if (!done) {
                pending++;
            }
        }
        return pending;
    }

    /**
     * Time from {@code atMillis} until every partition completed an intake submitted after it: the
     * pipeline as a whole makes progress again. Null when that was not seen.
     */
    synchronized Long recoveryMillis(long atMillis, int partitions) {
        long worst = 0;
        for (int p = 0; p < partitions; p++) {
            long first = Long.MAX_VALUE;
            for (Completion c : completions) {
                if (c.partition() == p && c.submittedAtMillis() > atMillis && c.seenAtMillis() < first) {
                    first = c.seenAtMillis();
                }
            }
            if (first == Long.MAX_VALUE) {
                return null;
            }
            worst = Math.max(worst, first - atMillis);
        }
        return worst;
    }

    /** End-to-end latency (submission to terminal matching outcome seen) percentiles, in ms. */
    synchronized Map<String, Long> latency() {
        List<Long> l = completions.stream().map(c -> c.seenAtMillis() - c.submittedAtMillis()).sorted().toList();
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        if (l.isEmpty()) {
            return m;
        }
        m.put("p50", l.get(l.size() / 2));
        m.put("p99", l.get(Math.min(l.size() - 1, (int) (l.size() * 0.99))));
        m.put("max", l.get(l.size() - 1));
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
