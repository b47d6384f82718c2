package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.events.IntakeTriaged;
import java.util.List;

/**
 * Where one routine intake stands: seeking a clinician (a reservation is out with
 * {@code candidates[attempt]}), waiting (on the waitlist), or assigned.
 */
public record IntakeCase(EventEnvelope<IntakeTriaged> triaged, Status status, List<String> candidates, int attempt,
        String clinicianId) {

    public enum Status {
        SEEKING,
        WAITING,
        ASSIGNED
    }

    public IntakeCase {
        candidates = List.copyOf(candidates);
    }

    public String intakeId() {
        return triaged.intakeId();
    }

    public WaitingIntake waiting() {
        return new WaitingIntake(triaged.intakeId(), triaged.submittedAt(), triaged.payload().routing(),
                triaged.payload().categories());
    }

    IntakeCase seeking(int nextAttempt) {
        return new IntakeCase(triaged, Status.SEEKING, candidates, nextAttempt, null);
    }

    IntakeCase waitingNow() {
        return new IntakeCase(triaged, Status.WAITING, candidates, attempt, null);
    }

    IntakeCase assignedTo(String clinician) {
        return new IntakeCase(triaged, Status.ASSIGNED, candidates, attempt, clinician);
    }
}
