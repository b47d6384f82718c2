package com.therapyplatform.intake.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.intake.idempotency.AcceptedSubmission;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes an intake's two events, its status token hash and (with an idempotency key) its key record in
 * one Kafka transaction. The answers go to the topic {@link IntakeLanes} chooses (the priority topic for
 * an urgent intake), the contact details to {@code intake.contact.v1} either way. When {@link #publish}
 * returns, the transaction is committed, so all of them are durably acknowledged (acks=all); if it
 * throws, the request is answered 503.
 *
 * <p><b>Group commit.</b> Requests do not each run a transaction: one committer thread takes every
 * submission waiting at that moment (up to {@link #MAX_BATCH}) into one transaction, commits it, then
 * answers all of them. Under load that is one commit for many intakes instead of one each, and one
 * transactional producer instead of one per concurrent request (creating producers under a burst cost
 * intake-service 40% of its CPU, docs/benchmarks/tuning.md). At low load a batch is one intake, so
 * nothing waits for company. The guarantee is unchanged: an intake's records are all in one committed
 * transaction or in none, and a 202 is answered only after the commit.
 *
 * <p>A request that waited {@code intake.publish.timeout} is answered 503. If the committer had not yet
 * taken it, it is withdrawn and never published; if it had, the outcome is not known yet, and the
 * request gets an {@link OutcomeUnknown} whose resolution completes once the broker has answered, so that
 * a retry under the same Idempotency-Key is answered from it rather than published twice.
 */
@Component
public class IntakePublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntakePublisher.class);

    /** Submissions per transaction at most: about 4 records each, well inside one producer batch per partition. */
    static final int MAX_BATCH = 256;
    /** Waiting submissions beyond this are answered 503 at once instead of queueing for minutes. */
    static final int MAX_WAITING = 4096;

    /** How long a commit that timed out is retried before its outcome is left unknown (a broker outage). */
    static final Duration COMMIT_RESOLUTION = Duration.ofMinutes(2);

    /** Every topic a submission's transaction may write. */
    static final List<String> TOPICS = List.of(Topics.INTAKE_IDEMPOTENCY_KEYS, Topics.INTAKE_SUBMITTED,
            Topics.INTAKE_SUBMITTED_URGENT, Topics.INTAKE_CONTACT, Topics.INTAKE_CONTACT_URGENT,
            Topics.INTAKE_STATUS_TOKENS);

    private static final Propagator.Setter<Headers> HEADERS = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final ProducerFactory<byte[], byte[]> producers;
    private final IntakeLanes lanes;
    private final ObservationRegistry observations;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Duration timeout;
    private final DistributionSummary batchSizes;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private Producer<byte[], byte[]> producer; // the committer thread's only
    private volatile Thread committer;
    private volatile boolean running;

    public IntakePublisher(ProducerFactory<byte[], byte[]> producers, IntakeLanes lanes,
            ObservationRegistry observations, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
            MeterRegistry meters, @Value("${intake.publish.timeout:6s}") Duration timeout) {
        this.producers = producers;
        this.lanes = lanes;
        this.observations = observations;
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
        this.timeout = timeout;
        this.batchSizes = DistributionSummary.builder("therapy.intake.publish.batch")
                .description("Intakes committed per Kafka transaction (group commit)")
                .publishPercentiles(0.5, 0.99).register(meters);
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
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(5);
        if (idempotencyRecordKey != null) {
            records.add(new ProducerRecord<>(Topics.INTAKE_IDEMPOTENCY_KEYS,
                    idempotencyRecordKey.getBytes(StandardCharsets.US_ASCII), IdempotencyStreams.write(accepted)));
        }
        // routed on the request's thread, not the committer's: the rules cost each request its own CPU
        String lane = lanes.topicOf(submitted.payload());
        records.add(record(lane, submitted));
        records.add(record(Events.INTAKE_CONTACT_PROVIDED.topic(), contact));
        if (Topics.INTAKE_SUBMITTED_URGENT.equals(lane)) {
            // the crisis lane's copy: behind a routine burst on intake.contact.v1 it waited seconds
            records.add(record(Topics.INTAKE_CONTACT_URGENT, contact));
        }
        records.add(new ProducerRecord<>(Topics.INTAKE_STATUS_TOKENS,
                submitted.intakeId().getBytes(StandardCharsets.UTF_8),
                statusTokenHash.getBytes(StandardCharsets.US_ASCII)));
        publishAtomically(records);
    }

    /** Returns once {@code records} are committed in one transaction; throws when that is not known. */
    void publishAtomically(List<ProducerRecord<byte[], byte[]>> records) {
        await(enqueue(new Pending(records, observations.getCurrentObservation())));
    }

    /** Submissions waiting for the committer (for tests and diagnostics). */
    int waiting() {
        return waiting.size();
    }

    private Pending enqueue(Pending pending) {
        if (!running) {
            throw new KafkaException("intake publisher is not running");
        }
        if (!waiting.offer(pending)) {
            throw new KafkaException("too many submissions waiting for Kafka");
        }
        return pending;
    }

    private void await(Pending pending) {
        try {
            pending.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (pending.withdraw()) {
                throw new KafkaException("not taken into a transaction in time");
            }
            throw new OutcomeUnknown("transaction not acknowledged in time", null, pending.done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending.withdraw()) {
                throw new KafkaException("interrupted while waiting for Kafka");
            }
            // already in a transaction: it may still commit, so the key must stay held until it is known
            throw new OutcomeUnknown("interrupted while the transaction was in flight", null, pending.done);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new KafkaException("publish failed", e.getCause());
        }
    }

    private void commitLoop() {
        prepareProducer();
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                batch.removeIf(pending -> !pending.take());
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = waiting.poll()) != null) {
            left.done.completeExceptionally(new KafkaException("intake publisher stopped"));
        }
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /**
     * The producer and its topics' metadata before the first submission, not during it: the first POST
     * after a start waited about 0.9 s for them (docs/benchmarks/tuning.md, change 15). If Kafka is not
     * there yet, the first batch tries again, as it did before.
     */
    private void prepareProducer() {
        try {
            producer = producers.createProducer();
        } catch (RuntimeException e) {
            log.warn("Producer not ready at start ({}): the first submission creates it", e.getClass().getSimpleName());
            return;
        }
        try {
            for (String topic : TOPICS) {
                producer.partitionsFor(topic);
            }
        } catch (RuntimeException e) {
            // the producer is fine: the first submission fetches what is missing, as it did before
            log.warn("Topic metadata not fetched at start ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * One transaction for the batch, on a producer of our own rather than {@code KafkaTemplate}: a commit
     * that times out may still complete, and only the same producer can find out (retrying
     * {@code commitTransaction} is safe and waits for the same outcome); the template would close it.
     * So every batch ends committed or certainly not committed, unless the brokers stay away for
     * {@link #COMMIT_RESOLUTION}.
     */
    private void commit(List<Pending> batch) {
        boolean sent = false;
        try {
            if (producer == null) {
                producer = producers.createProducer();
            }
            producer.beginTransaction();
            for (Pending pending : batch) {
                send(pending);
            }
            sent = true;
            commitResolving();
            batchSizes.record(batch.size());
            batch.forEach(pending -> pending.done.complete(null));
        } catch (UnresolvedCommit e) {
            log.warn("Transaction of {} intakes: commit not confirmed within {}", batch.size(), COMMIT_RESOLUTION);
            discardProducer();
            batch.forEach(pending -> pending.done.completeExceptionally(
                    new OutcomeUnknown("commit not confirmed", e.getCause(), null)));
        } catch (RuntimeException e) {
            // class name only: broker exception messages can carry record details
            log.warn("Transaction of {} intakes not committed ({}{})", batch.size(), e.getClass().getSimpleName(),
                    sent ? ", in the commit" : "");
            abortQuietly();
            discardProducer();
            // anything but a timeout means the transaction cannot commit (fenced, or aborted)
            batch.forEach(pending -> pending.done.completeExceptionally(new KafkaException("not committed", e)));
        }
    }

    /** Each submission's records under its own request's observation: one trace from the POST onwards. */
    private void send(Pending pending) {
        Runnable send = () -> {
            Span span = tracer == null || propagator == null ? null
                    : tracer.nextSpan().name("intake publish").start();
            try {
                for (ProducerRecord<byte[], byte[]> record : pending.records) {
                    if (span != null) {
                        propagator.inject(span.context(), record.headers(), HEADERS);
                    }
                    producer.send(record);
                }
            } finally {
                if (span != null) {
                    span.end();
                }
            }
        };
        if (pending.observation == null) {
            send.run();
        } else {
            pending.observation.scoped(send);
        }
    }

    private void commitResolving() {
        long deadline = System.nanoTime() + COMMIT_RESOLUTION.toNanos();
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new UnresolvedCommit(e);
                }
                log.info("Commit not confirmed yet (TimeoutException); asking again");
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                throw new UnresolvedCommit(e);
            }
        }
    }

    private void abortQuietly() {
        if (producer != null) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                log.debug("Abort after a failed transaction failed too ({})", e.getClass().getSimpleName());
            }
        }
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Closing a failed producer failed ({})", e.getClass().getSimpleName());
            }
            producer = null;
        }
    }

    private static final class UnresolvedCommit extends RuntimeException {
        UnresolvedCommit(Throwable cause) {
            super(cause);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, EventEnvelope<?> event) {
        return new ProducerRecord<>(topic, event.intakeId().getBytes(StandardCharsets.UTF_8), EventJson.write(event));
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::commitLoop, "intake-group-commit");
        thread.setDaemon(true);
        committer = thread;
        thread.start();
    }

    /** Finishes what is waiting (bounded by the join), before the producer factory is closed. */
    @Override
    public void stop() {
        running = false;
        Thread thread = committer;
        if (thread != null) {
            try {
                thread.join(timeout.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server's graceful shutdown (lower phases stop later): requests in flight still commit. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /**
     * The transaction may or may not have committed (a commit that timed out can still complete): the
     * request is answered 503, and a retry with the same Idempotency-Key must not publish a second intake
     * while this is unresolved.
     */
    public static final class OutcomeUnknown extends KafkaException {
        private final transient CompletableFuture<Void> resolution;

        /** {@code resolution} completes when the transaction is known to have committed (or fails if not). */
        public OutcomeUnknown(String message, Throwable cause, CompletableFuture<Void> resolution) {
            super(message, cause);
            this.resolution = resolution;
        }

        /** When the transaction's outcome becomes known; empty if it never will be (a long broker outage). */
        public java.util.Optional<CompletableFuture<Void>> resolution() {
            return java.util.Optional.ofNullable(resolution);
        }
    }

    /** A submission's records and its fate: waiting, then taken by the committer or withdrawn by its request. */
    private static final class Pending {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        final List<ProducerRecord<byte[], byte[]>> records;
        final Observation observation;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(List<ProducerRecord<byte[], byte[]>> records, Observation observation) {
            this.records = records;
            this.observation = observation;
        }

        boolean take() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        /** True if the records will never be sent. */
        boolean withdraw() {
            return state.compareAndSet(WAITING, WITHDRAWN) || state.get() == WITHDRAWN;
        }
    }
}
