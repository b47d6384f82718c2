package com.therapyplatform.notification.channel;

/**
 * Sends one SMS. Throws {@link com.therapyplatform.platform.kafka.TransientFailure} when trying again
 * later may succeed (provider down, rate limited) and {@link UndeliverableMessage} when it never will
 * (invalid number, a request the provider refuses).
 */
public interface SmsChannel {

    /**
     * @param messageId the message's identity, the same on every attempt ({@code Delivery.messageId}): an
     *                  adapter whose provider may have accepted an earlier attempt uses it to not send twice
     * @param causeAt   when the event that asks for this message occurred: a message for an event from before
     *                  this process started may have been sent by a predecessor that crashed before recording it
     */
    void send(String to, String body, String messageId, java.time.Instant causeAt);
}
