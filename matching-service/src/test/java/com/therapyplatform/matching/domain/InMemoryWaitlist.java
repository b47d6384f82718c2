package com.therapyplatform.matching.domain;

import java.util.TreeMap;
import java.util.function.Predicate;

/** The waitlist as a key-ordered map, as the global store holds it. */
final class InMemoryWaitlist implements Ledger.Waitlist {

    final TreeMap<String, WaitingIntake> entries = new TreeMap<>();

    InMemoryWaitlist add(WaitingIntake waiting) {
        entries.put(waiting.arrivalKey(), waiting);
        return this;
    }

    void remove(String arrivalKey) {
        entries.remove(arrivalKey);
    }

    @Override
    public void inOrderOfArrival(Predicate<Matcher.Fit> mayTake, Predicate<WaitingIntake> visitWhileTrue) {
        for (WaitingIntake waiting : entries.values()) {
            if (mayTake.test(waiting.fit()) && !visitWhileTrue.test(waiting)) {
                return;
            }
        }
    }

    @Override
    public boolean contains(String arrivalKey) {
        return entries.containsKey(arrivalKey);
    }
}
