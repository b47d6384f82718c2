package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.notification.channel.MailChannel;
import com.therapyplatform.notification.channel.UndeliverableMessage;
import com.therapyplatform.notification.domain.MessageCatalog;
import com.therapyplatform.notification.domain.OutgoingMessage;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Three lanes, each with its own consumer: receipts (from the contact event itself), outcomes (match
 * or waitlist), and crisis resources from the priority lane, so urgent never queues behind routine.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationProcessor {

    private static final Logger log = LoggerFactory.getLogger(NotificationProcessor.class);

    private final Clock clock = Clock.systemUTC();

    @Bean
    Consumer<Message<byte[]>> receipt(MailChannel mail, EventPublisher publisher) {
        return message -> {
            EventEnvelope<IntakeContactProvided> contact =
                    EventJson.read(message.getPayload(), Events.INTAKE_CONTACT_PROVIDED);
            send(mail, publisher, contact, contact.payload(), MessageCatalog.receipt());
        };
    }

    @Bean
    Consumer<Message<byte[]>> outcome(ContactDirectory contacts, MailChannel mail, EventPublisher publisher) {
        return message -> {
            EventEnvelope<?> event = EventJson.readAny(message.getPayload());
            OutgoingMessage content;
            if (event.payload() instanceof ClinicianAssigned assigned) {
                content = MessageCatalog.matchConfirmation(assigned.clinicianDisplayName(), assigned.credentials());
            } else if (event.payload() instanceof IntakeWaitlisted) {
                content = MessageCatalog.waitlistNotice();
            } else {
                throw new PoisonRecordException("UNEXPECTED_EVENT_TYPE");
            }
            send(mail, publisher, event, contacts.require(event.intakeId()), content);
        };
    }

    @Bean
    Consumer<Message<byte[]>> crisis(ContactDirectory contacts, MailChannel mail, EventPublisher publisher) {
        return message -> {
            var urgent = EventJson.read(message.getPayload(), Events.URGENT_INTAKE_FLAGGED);
            send(mail, publisher, urgent, contacts.require(urgent.intakeId()), MessageCatalog.crisisResources());
        };
    }

    private void send(MailChannel mail, EventPublisher publisher, EventEnvelope<?> cause,
            IntakeContactProvided contact, OutgoingMessage content) {
        if (!contact.emailConsent() || contact.email() == null) {
            return;
        }
        OutgoingMessage message = contact.safeToLeaveMessages() ? content : MessageCatalog.minimal(content.reason());
        String messageId = OutgoingMessage.messageId(cause.intakeId(), message.reason());
        try {
            mail.send(contact.email(), message, messageId);
        } catch (UndeliverableMessage e) {
            publisher.publish(Events.NOTIFICATION_FAILED, cause.answer(Events.NOTIFICATION_FAILED, clock.instant(),
                    new NotificationFailed(message.reason(), Channel.EMAIL, message.templateId(), e.failureCode())));
            log.warn("Notification {} for intake {} failed: {}", message.reason(), cause.intakeId(), e.failureCode());
            return;
        }
        publisher.publish(Events.NOTIFICATION_SENT, cause.answer(Events.NOTIFICATION_SENT, clock.instant(),
                new NotificationSent(message.reason(), Channel.EMAIL, message.templateId(), message.templateVersion(),
                        messageId)));
        log.info("Sent {} by {} for intake {}", message.reason(), Channel.EMAIL, cause.intakeId());
    }
}
