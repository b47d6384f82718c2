package com.therapyplatform.contracts.events;

public enum Modality {
    VIDEO,
    PHONE,
    MESSAGING
}
