package com.therapyplatform.notification.channel;

/**
 * Sends one SMS. Throws {@link com.therapyplatform.platform.kafka.TransientFailure} when trying again
 * later may succeed (provider down, rate limited) and {@link UndeliverableMessage} when it never will
 * (invalid number, a request the provider refuses).
 */
public interface SmsChannel {

    void send(String to, String body);
}
