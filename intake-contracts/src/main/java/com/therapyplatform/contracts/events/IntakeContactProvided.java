package com.therapyplatform.contracts.events;

/**
 * How to reach the person, and on which channels they agreed to be reached. Only notification reads
 * this topic. {@code safeToLeaveMessages = false} means messages must say as little as possible.
 */
public record IntakeContactProvided(
        String name,
        String email,
        String mobile,
        boolean emailConsent,
        boolean smsConsent,
        boolean safeToLeaveMessages,
        String language) {
}
