package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.Set;
import java.util.TreeSet;

/**
 * One clinician's caseload. Held slots (offered to a waitlisted intake, not yet accepted) count as
 * taken, so the routine load {@code assigned + held} never passes the capacity. On-call assignments
 * are counted apart and never limit routine capacity.
 *
 * @param declined arrival keys of waitlisted intakes that declined an offer: they are assigned
 *                 elsewhere and only await removal from the waitlist, so they are not offered again
 */
public record CapacityLedger(String clinicianId, Set<String> assigned, Set<String> held, Set<String> onCall,
        Set<String> declined) {

    public CapacityLedger {
        assigned = Set.copyOf(assigned);
        held = Set.copyOf(held);
        onCall = Set.copyOf(onCall);
        declined = Set.copyOf(declined);
    }

    public static CapacityLedger empty(String clinicianId) {
        return new CapacityLedger(clinicianId, Set.of(), Set.of(), Set.of(), Set.of());
    }

    public int routineLoad() {
        return assigned.size() + held.size();
    }

    public boolean hasRoom(ClinicianProfile profile) {
        return profile != null && profile.acceptingNewClients() && routineLoad() < profile.caseloadCapacity();
    }

    public boolean holds(String intakeId) {
        return assigned.contains(intakeId) || held.contains(intakeId);
    }

    CapacityLedger withAssigned(Set<String> value) {
        return new CapacityLedger(clinicianId, value, held, onCall, declined);
    }

    CapacityLedger withHeld(Set<String> value) {
        return new CapacityLedger(clinicianId, assigned, value, onCall, declined);
    }

    CapacityLedger withOnCall(Set<String> value) {
        return new CapacityLedger(clinicianId, assigned, held, value, declined);
    }

    CapacityLedger withDeclined(Set<String> value) {
        return new CapacityLedger(clinicianId, assigned, held, onCall, value);
    }

    static Set<String> plus(Set<String> set, String element) {
        Set<String> copy = new TreeSet<>(set);
        copy.add(element);
        return copy;
    }

    static Set<String> minus(Set<String> set, String element) {
        Set<String> copy = new TreeSet<>(set);
        copy.remove(element);
        return copy;
    }
}
