package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Reads what a message needs from the tables, waiting (a transient failure, retried in place) while a
 * table may not have caught up yet: the contact, the triage and the roster entry are written before
 * the event that needs them, but on other topics. The wait is bounded by the event's age, so a record
 * that will never come cannot hold up the intakes behind it.
 */
final class Lookups {

    private final NotificationTables tables;
    private final Clock clock;
    private final Duration grace;

    Lookups(NotificationTables tables, Clock clock, Duration grace) {
        this.tables = tables;
        this.clock = clock;
        this.grace = grace;
    }

    /** Without a contact nothing can be sent: past the grace period the event goes to the dead-letter topic. */
    IntakeContactProvided contact(EventEnvelope<?> cause) {
        return tables.contact(cause.intakeId()).orElseThrow(() -> young(cause)
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
