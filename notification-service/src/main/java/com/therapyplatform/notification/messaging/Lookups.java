package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import com.therapyplatform.platform.kafka.TransientFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads what a message needs from the tables, waiting (a transient failure, retried in place) while a
 * table may not have caught up yet: the contact, the triage and the roster entry are written before
 * the event that needs them, but on other topics. The wait is bounded by the event's age, so a record
 * that will never come cannot hold up the intakes behind it.
 */
final class Lookups {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final String CONTACT_WAIT = "therapy.notification.crisis.contact.wait";

    private final NotificationTables tables;
    private final Clock clock;
    private final Duration grace;
    private final Timer contactFound;
    private final Timer contactMissing;

    Lookups(NotificationTables tables, Clock clock, Duration grace, MeterRegistry meters) {
        this.tables = tables;
        this.clock = clock;
        this.grace = grace;
        // how long the crisis lane waited for a contact its store had not read yet (no intake in any tag)
        this.contactFound = contactWait(meters, "found");
        this.contactMissing = contactWait(meters, "missing");
    }

    private static Timer contactWait(MeterRegistry meters, String outcome) {
        return Timer.builder(CONTACT_WAIT)
                .description("Time the crisis lane waited for the contact of an urgent intake, in place")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Without a contact nothing can be sent: past the grace period the event goes to the dead-letter topic. */
    IntakeContactProvided contact(EventEnvelope<?> cause) {
        return contactOrFailure(cause, tables.contact(cause.intakeId()));
    }

    /**
     * The crisis lane's contact, from the urgent intakes' own copy ({@code intake.contact.urgent.v1}) or
     * else the routine contact topic: the global store usually has it a few milliseconds after the urgent
     * event arrives, so the lane looks again every 5 ms for up to {@code wait} before it falls back to a
     * transient failure, whose redelivery back-off (100 ms, doubling) cost the slowest crisis messages
     * more than a second behind a routine backlog. The store is local: a look is a RocksDB read.
     */
    IntakeContactProvided contactWaitingUpTo(EventEnvelope<?> cause, Duration wait) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        Optional<IntakeContactProvided> found = tables.urgentContact(cause.intakeId());
        while (found.isEmpty() && System.nanoTime() < deadline && young(cause)) {
            LockSupport.parkNanos(POLL_NANOS);
            found = tables.urgentContact(cause.intakeId());
        }
        (found.isPresent() ? contactFound : contactMissing).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return contactOrFailure(cause, found);
    }

    private IntakeContactProvided contactOrFailure(EventEnvelope<?> cause, Optional<IntakeContactProvided> found) {
        return found.orElseThrow(() -> young(cause)
                ? new TransientFailure("CONTACT_NOT_YET_KNOWN")
                : new PoisonRecordException("CONTACT_UNKNOWN"));
    }

    /** The triage categories; past the grace period, none (the message then shows the general helplines only). */
    Set<Category> categories(EventEnvelope<?> cause) {
        return tables.triage(cause.intakeId()).map(IntakeTriaged::categories).orElseGet(() -> {
            if (young(cause)) {
                throw new TransientFailure("TRIAGE_NOT_YET_KNOWN");
            }
            return Set.of();
        });
    }

    /** The clinician's roster entry; past the grace period, null (recorded as a failed notification). */
    ClinicianProfile clinician(EventEnvelope<?> cause, String clinicianId) {
        if (clinicianId == null) {
            return null;
        }
        return tables.clinician(clinicianId).orElseGet(() -> {
            if (young(cause)) {
                throw new TransientFailure("CLINICIAN_NOT_YET_KNOWN");
            }
            return null;
        });
    }

    private boolean young(EventEnvelope<?> cause) {
        return cause.occurredAt().plus(grace).isAfter(clock.instant());
    }
}
