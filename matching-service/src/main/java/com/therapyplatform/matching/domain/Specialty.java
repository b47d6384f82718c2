package com.therapyplatform.matching.domain;

public enum Specialty {
    RELATIONSHIP,
    DEPRESSION,
    SUBSTANCE_USE,
    PSYCHOSIS,
    CRISIS
}
