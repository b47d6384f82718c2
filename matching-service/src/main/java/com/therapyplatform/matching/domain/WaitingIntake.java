package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.RoutingProfile;
import java.time.Instant;
import java.util.Set;

/** A routine intake on the waitlist, with what a ledger needs to decide whether it may take it. */
public record WaitingIntake(String intakeId, Instant submittedAt, RoutingProfile routing, Set<Category> categories) {

    public WaitingIntake {
        categories = Set.copyOf(categories);
    }

    public String arrivalKey() {
        return arrivalKey(submittedAt, intakeId);
    }

    /**
     * Sorts as the intakes arrived (submission instant, then intake id), byte-wise as well as
     * lexicographically, so a key-ordered store iterates the waitlist in order of arrival.
     */
    public static String arrivalKey(Instant submittedAt, String intakeId) {
        return String.format("%012d.%09d|%s", submittedAt.getEpochSecond(), submittedAt.getNano(), intakeId);
    }
}
