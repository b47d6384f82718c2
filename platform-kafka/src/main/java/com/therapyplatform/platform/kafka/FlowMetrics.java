package com.therapyplatform.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Metrics of the intake flow that every service records the same way. Tags are low-cardinality codes
 * (stage, lane, topic, reason code): never an intake id, clinician id or anything about a person.
 *
 * <p>{@value #STAGE_LATENCY} measures the time from the intake's {@code submittedAt} (carried on every
 * event's envelope) to the moment a stage's event is produced, with a percentile histogram, so
 * dashboards compute p50/p99 across instances ({@code histogram_quantile} over
 * {@code therapy_stage_latency_seconds_bucket}).
 */
public class FlowMetrics {

    public static final String STAGE_LATENCY = "therapy.stage.latency";
    public static final String DEAD_LETTERS = "therapy.dead.letters";

    /** An intake reached triage (IntakeTriaged written). */
    public static final String STAGE_TRIAGED = "triaged";
    /** Matching decided (ClinicianAssigned or IntakeWaitlisted written). */
    public static final String STAGE_MATCHED = "matched";
    /** The client's outcome message went out (match confirmation, waitlist notice, crisis resources). */
    public static final String STAGE_NOTIFIED = "notified";

    public static final String LANE_ROUTINE = "routine";
    public static final String LANE_URGENT = "urgent";

    private final MeterRegistry registry;
    private final Clock clock;

    public FlowMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public FlowMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Records how long after submission the intake reached {@code stage} (clock skew below zero counts as zero). */
    public void stageReached(String stage, String lane, Instant submittedAt) {
        Duration latency = Duration.between(submittedAt, clock.instant());
        stageTimer(stage, lane).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    Timer stageTimer(String stage, String lane) {
        return Timer.builder(STAGE_LATENCY)
                .description("Time from the intake's submission to the moment a stage's event was produced")
                .tag("stage", stage)
                .tag("lane", lane)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** A record went to {@code <topic>.dlt}; tagged by the source topic, the error class and the reason code. */
    public void deadLettered(String sourceTopic, String errorClass, String reasonCode) {
        deadLettered(registry, sourceTopic, errorClass, reasonCode);
    }

    static void deadLettered(MeterRegistry registry, String sourceTopic, String errorClass, String reasonCode) {
        counter(registry, DEAD_LETTERS, "Records written to <topic>.dlt, by source topic, error class and reason code",
                "topic", sourceTopic, "error_class", errorClass, "reason", reasonCode).increment();
    }

    /** A counter with its description (Prometheus HELP): every platform meter says what it counts. */
    public Counter counter(String name, String description, String... tags) {
        return counter(registry, name, description, tags);
    }

    static Counter counter(MeterRegistry registry, String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
