package com.therapyplatform.questionnaire;

/** A presenting concern the person may tick; {@code code} is what travels in {@code concerns}. */
public record Concern(String code, String label, Group group) {

    /** What a concern says about the intake; triage rules read the group, never a list of their own. */
    public enum Group {
        RELATIONSHIP_OR_TRUST,
        MOOD,
        SUBSTANCE_USE
    }
}
