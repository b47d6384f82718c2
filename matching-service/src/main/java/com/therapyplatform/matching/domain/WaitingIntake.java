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

    /** What decides which clinicians may take it. */
    public Matcher.Fit fit() {
        return Matcher.fit(routing, categories);
    }

    public String arrivalKey() {
        return arrivalKey(submittedAt, intakeId);
    }

    /**
     * Sorts as the intakes arrived (submission instant, then intake id), byte-wise as well as
     * lexicographically, so a key-ordered store iterates the waitlist in order of arrival.
     */
    public static String arrivalKey(Instant submittedAt, String intakeId) {
        long seconds = submittedAt.getEpochSecond();
        if (seconds < 0) { // before 1970: not a submission; formatted as ever (a sign, then zeros)
            return String.format("%012d.%09d|%s", seconds, submittedAt.getNano(), intakeId);
        }
        // the same as the format above, without a Formatter: the ledgers' refill builds one per waiting intake
        StringBuilder key = new StringBuilder(23 + intakeId.length());
        zeroPadded(key, seconds, 12).append('.');
        return zeroPadded(key, submittedAt.getNano(), 9).append('|').append(intakeId).toString();
    }

    private static StringBuilder zeroPadded(StringBuilder to, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            to.append('0');
        }
        return to.append(digits);
    }
}
