package com.therapyplatform.notification.domain;

import com.therapyplatform.contracts.events.NotificationReason;

/**
 * What each message says. Crisis resources follow CLINICAL.md: 988 (call, text, chat), Crisis Text
 * Line, and 911 for immediate danger; the retired 988 "press 3" option is never shown.
 */
public final class MessageCatalog {

    static final int VERSION = 1;

    static final String CRISIS_RESOURCES = """
            If you are thinking about suicide or are in crisis, help is available now, 24/7:
            - 988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org
              (press 1 for the Veterans Crisis Line; press 2 for Spanish)
            - Crisis Text Line: text HOME to 741741
            - If you are in immediate danger, call 911.
            """;

    private MessageCatalog() {
    }

    public static OutgoingMessage receipt() {
        return new OutgoingMessage(NotificationReason.RECEIPT, "receipt", VERSION,
                "We received your request",
                """
                Thank you for reaching out. We received your intake form and are finding a clinician for you.
                We will write again as soon as we have a match.

                """ + CRISIS_RESOURCES);
    }

    public static OutgoingMessage crisisResources() {
        return new OutgoingMessage(NotificationReason.CRISIS_RESOURCES, "crisis-resources", VERSION,
                "Support is available right now",
                """
                A member of our clinical team will contact you today.
                You do not have to wait for us:

                """ + CRISIS_RESOURCES);
    }

    public static OutgoingMessage matchConfirmation(String clinicianDisplayName, String credentials) {
        return new OutgoingMessage(NotificationReason.MATCH_CONFIRMATION, "match-confirmation", VERSION,
                "Your clinician is ready to meet you",
                """
                We matched you with %s, %s.
                Next step: your clinician will contact you to schedule a first session.

                """.formatted(clinicianDisplayName, credentials) + CRISIS_RESOURCES);
    }

    public static OutgoingMessage waitlistNotice() {
        return new OutgoingMessage(NotificationReason.WAITLIST_NOTICE, "waitlist-notice", VERSION,
                "An update on your request",
                """
                Right now no clinician who fits your request has an opening. You are on our waitlist, in order
                of arrival, and we will write as soon as someone is available.

                """ + CRISIS_RESOURCES);
    }

    /** Minimal content for people who said it is not safe to leave messages. */
    public static OutgoingMessage minimal(NotificationReason reason) {
        return new OutgoingMessage(reason, "minimal", VERSION, "A message from your care team",
                "Please sign in to see an update. If you need support now, call or text 988.\n");
    }
}
