package com.therapyplatform.triage.domain;

/**
 * Every clinical cut-off and band of the triage rules, each defined once and named after its source
 * (see {@code ../shared/design/CLINICAL.md} and {@code docs/triage.md}). A change here is a change of
 * the rules: bump {@link TriageRules#RULES_VERSION}.
 */
public final class Cutoffs {

    /** PHQ-9 severity bands (Kroenke, Spitzer &amp; Williams 2001). */
    public static final Bands KROENKE_2001_PHQ9_BANDS = Bands.of(
            "minimal", 0, "mild", 5, "moderate", 10, "moderately severe", 15, "severe", 20);
    /** PHQ-9 total >= 10 (the moderate band): possible depression, sensitivity 88%, specificity 88% (Kroenke 2001). */
    public static final int KROENKE_2001_PHQ9_POSSIBLE_DEPRESSION = KROENKE_2001_PHQ9_BANDS.lowerBound("moderate");
    /** PHQ-9 item 9 above 0 (any day with thoughts of death or self-harm): urgent whatever the total. */
    public static final int PHQ9_ITEM9_SAFETY_FOLLOW_UP_ABOVE = 0;

    /** GAD-7 bands 5/10/15 (Spitzer et al. 2006). */
    public static final Bands SPITZER_2006_GAD7_BANDS = Bands.of("minimal", 0, "mild", 5, "moderate", 10, "severe", 15);
    /** GAD-7 >= 10 (moderate), the authors' screening cut-off; reported only, no triage category reads it. */
    public static final int SPITZER_2006_GAD7_POSITIVE = SPITZER_2006_GAD7_BANDS.lowerBound("moderate");

    /** ASQ (NIMH): any yes on questions 1-4 is a positive screen; yes on question 5 is acute (imminent) risk. */
    public static final int NIMH_ASQ_YES = 1;

    /** AUDIT-C positive for men: total >= 4 (Bradley et al. 2003). */
    public static final int BRADLEY_2003_AUDITC_MEN = 4;
    /** AUDIT-C positive for women, and (per CLINICAL.md) for other or unstated sex: total >= 3 (Bradley et al. 2003). */
    public static final int BRADLEY_2003_AUDITC_WOMEN = 3;

    /** CAGE-AID positive: two or more yes (Brown &amp; Rounds 1995). */
    public static final int BROWN_ROUNDS_1995_CAGEAID = 2;

    /** R-GPTS part B (persecution) bands (Freeman et al. 2021, Psychol Med 51:244). */
    public static final Bands FREEMAN_2021_RGPTS_B_BANDS = Bands.of(
            "average", 0, "elevated", 5, "moderately severe", 11, "severe", 18, "very severe", 28);
    /** R-GPTS part B >= 11 (moderately severe and above): likely persecutory ideation (Freeman et al. 2021). */
    public static final int FREEMAN_2021_RGPTS_B_PERSECUTION = FREEMAN_2021_RGPTS_B_BANDS.lowerBound(
            "moderately severe");
    /** R-GPTS part A (reference) bands (Freeman et al. 2021); no triage category reads part A. */
    public static final Bands FREEMAN_2021_RGPTS_A_BANDS = Bands.of(
            "average", 0, "elevated", 10, "moderately severe", 16, "severe", 21, "very severe", 25);
    /** Part A "positive" mirrors part B's cut-off: the start of the moderately severe band. */
    public static final int FREEMAN_2021_RGPTS_A_MODERATELY_SEVERE = FREEMAN_2021_RGPTS_A_BANDS.lowerBound(
            "moderately severe");

    /** CSI-4 total below 13.5: notable relationship distress (Funk &amp; Rogge 2007). Lower is more distress. */
    public static final double FUNK_ROGGE_2007_CSI4_DISTRESS_BELOW = 13.5;

    private Cutoffs() {
    }
}
