package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.domain.CapacityLedger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a ledger with room walks the waitlist again. A walk that offers nothing costs a pass over the whole
 * waitlist (in the full benchmark, 92% of the routine stream thread with tens of thousands waiting, for
 * clinicians nobody waiting may take); its only purpose is to catch an intake the desk waitlisted while
 * the published caseloads did not show this clinician's room yet, a race that lasts until the caseload is
 * published. So after a walk that offered nothing, the next waits twice as long as the last, up to
 * {@code max}, and the wait starts over whenever the clinician's ledger or profile changes (a release, a
 * decline, a new hold, a roster change) or a walk offers something. Not thread-safe: one per processor.
 */
final class RefillSchedule {

    private record Fruitless(CapacityLedger ledger, ClinicianProfile profile, long interval, long nextAtMillis) {
    }

    private final long baseMillis;
    private final long maxMillis;
    private final Map<String, Fruitless> fruitless = new HashMap<>();

    RefillSchedule(Duration base, Duration max) {
        this.baseMillis = base.toMillis();
        this.maxMillis = Math.max(baseMillis, max.toMillis());
    }

    /** Whether the clinician's ledger should walk the waitlist now. */
    boolean due(String clinicianId, CapacityLedger ledger, ClinicianProfile profile, long nowMillis) {
        Fruitless last = fruitless.get(clinicianId);
        return last == null || !unchanged(last, ledger, profile) || nowMillis >= last.nextAtMillis();
    }

    /** A walk happened; {@code offered} whether it offered room to anyone (or changed the ledger otherwise). */
    void walked(String clinicianId, CapacityLedger ledger, ClinicianProfile profile, boolean offered,
            long nowMillis) {
        if (offered) {
            fruitless.remove(clinicianId);
            return;
        }
        Fruitless last = fruitless.get(clinicianId);
        long interval = last == null || !unchanged(last, ledger, profile) ? baseMillis
                : Math.min(maxMillis, last.interval() * 2);
        fruitless.put(clinicianId, new Fruitless(ledger, profile, interval, nowMillis + interval));
    }

    private static boolean unchanged(Fruitless last, CapacityLedger ledger, ClinicianProfile profile) {
        return last.ledger().equals(ledger) && Objects.equals(last.profile(), profile);
    }
}
