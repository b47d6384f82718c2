package com.therapyplatform.intake.status;

/**
 * What is known about one intake's progress, folded from the downstream events in whatever order they
 * arrive: the phase only moves forward, and an urgent flag is never lost.
 *
 * @param tokenHash SHA-256 of the status token ({@link StatusTokens#hash}), null until its record arrived
 */
public record IntakeStatus(String tokenHash, Phase phase, boolean urgent, String clinicianDisplayName,
        String clinicianCredentials) {

    /** In order of progress: a later phase is never replaced by an earlier one. */
    public enum Phase {
        RECEIVED,
        IN_REVIEW,
        WAITLISTED,
        MATCHED
    }

    public static final IntakeStatus NONE = new IntakeStatus(null, Phase.RECEIVED, false, null, null);

    public IntakeStatus withTokenHash(String hash) {
        return new IntakeStatus(hash, phase, urgent, clinicianDisplayName, clinicianCredentials);
    }

    public IntakeStatus triaged() {
        return advance(Phase.IN_REVIEW);
    }

    public IntakeStatus flaggedUrgent() {
        IntakeStatus reviewed = advance(Phase.IN_REVIEW);
        return new IntakeStatus(tokenHash, reviewed.phase, true, clinicianDisplayName, clinicianCredentials);
    }

    public IntakeStatus waitlisted() {
        return advance(Phase.WAITLISTED);
    }

    public IntakeStatus matched(String displayName, String credentials) {
        return new IntakeStatus(tokenHash, Phase.MATCHED, urgent, displayName, credentials);
    }

    /** True when the person presenting {@code token} may see this status. */
    public boolean visibleWith(String token) {
        return StatusTokens.matches(token, tokenHash);
    }

    private IntakeStatus advance(Phase next) {
        return next.compareTo(phase) > 0
                ? new IntakeStatus(tokenHash, next, urgent, clinicianDisplayName, clinicianCredentials)
                : this;
    }
}
