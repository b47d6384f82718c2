package com.therapyplatform.contracts.events;

/** Labels on events whose mere existence reveals protected information. */
public enum Sensitivity {
    /** Reveals substance use: 42 CFR Part 2 applies (release only with consent). */
    PART2_SUBSTANCE_USE
}
