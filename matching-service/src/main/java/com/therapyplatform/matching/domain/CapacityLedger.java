package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One clinician's caseload. Held slots (offered to a waitlisted intake, not yet accepted) count as
 * taken, so the routine load {@code assigned + held} never passes the capacity. On-call assignments
 * are counted apart and never limit routine capacity.
 *
 * @param held      intake id to the number of the offer that holds its slot: an acceptance or a decline
 *                  counts only for the offer it answers (an intake can be offered again after a release)
 * @param declined  arrival keys of waitlisted intakes that declined an offer: they are assigned
 *                  elsewhere and only await removal from the waitlist, so they are not offered again
 * @param lastOffer the number of the last offer made
 */
public record CapacityLedger(String clinicianId, Set<String> assigned, Map<String, Long> held, Set<String> onCall,
        Set<String> declined, long lastOffer) {

    public CapacityLedger {
        assigned = Set.copyOf(assigned);
        held = Map.copyOf(held);
        onCall = Set.copyOf(onCall);
        declined = Set.copyOf(declined);
    }

    public static CapacityLedger empty(String clinicianId) {
        return new CapacityLedger(clinicianId, Set.of(), Map.of(), Set.of(), Set.of(), 0);
    }

    public int routineLoad() {
        return assigned.size() + held.size();
    }

    public boolean hasRoom(ClinicianProfile profile) {
        return profile != null && profile.acceptingNewClients() && routineLoad() < profile.caseloadCapacity();
    }

    public boolean holds(String intakeId) {
        return assigned.contains(intakeId) || held.containsKey(intakeId);
    }

    /** Whether {@code offer} is the offer that holds a slot for the intake now. */
    boolean holdsFor(String intakeId, long offer) {
        Long holding = held.get(intakeId);
        return holding != null && holding == offer;
    }

    CapacityLedger withAssigned(Set<String> value) {
        return new CapacityLedger(clinicianId, value, held, onCall, declined, lastOffer);
    }

    CapacityLedger withoutHold(String intakeId) {
        Map<String, Long> copy = new TreeMap<>(held);
        copy.remove(intakeId);
        return new CapacityLedger(clinicianId, assigned, copy, onCall, declined, lastOffer);
    }

    /** Holds a slot for the intake under a new offer number. */
    CapacityLedger withNewHold(String intakeId) {
        Map<String, Long> copy = new TreeMap<>(held);
        copy.put(intakeId, lastOffer + 1);
        return new CapacityLedger(clinicianId, assigned, copy, onCall, declined, lastOffer + 1);
    }

    CapacityLedger withOnCall(Set<String> value) {
        return new CapacityLedger(clinicianId, assigned, held, value, declined, lastOffer);
    }

    CapacityLedger withDeclined(Set<String> value) {
        return new CapacityLedger(clinicianId, assigned, held, onCall, value, lastOffer);
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
