package com.therapyplatform.questionnaire;

/**
 * The screening instruments the platform knows. {@code code} names the instrument in events
 * (e.g. {@code InstrumentScore.instrument}); {@code itemPrefix} starts the ids of its items
 * ({@code phq9.1} ... {@code phq9.9}).
 */
public enum InstrumentId {
    PHQ9("PHQ-9", "phq9"),
    GAD7("GAD-7", "gad7"),
    ASQ("ASQ", "asq"),
    AUDITC("AUDIT-C", "auditc"),
    CAGEAID("CAGE-AID", "cageaid"),
    RGPTS_B("R-GPTS-B", "rgpts_b"),
    RGPTS_A("R-GPTS-A", "rgpts_a"),
    CSI4("CSI-4", "csi4");

    private final String code;
    private final String itemPrefix;

    InstrumentId(String code, String itemPrefix) {
        this.code = code;
        this.itemPrefix = itemPrefix;
    }

    public String code() {
        return code;
    }

    public String itemPrefix() {
        return itemPrefix;
    }

    /** The id of item {@code number} (1-based), e.g. {@code PHQ9.itemId(9)} = {@code phq9.9}. */
    public String itemId(int number) {
        return itemPrefix + "." + number;
    }
}
