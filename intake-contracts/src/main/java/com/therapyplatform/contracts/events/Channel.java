package com.therapyplatform.contracts.events;

public enum Channel {
    EMAIL,
    SMS
}
