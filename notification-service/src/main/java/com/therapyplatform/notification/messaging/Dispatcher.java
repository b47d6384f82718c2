package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.notification.channel.MailChannel;
import com.therapyplatform.notification.channel.SmsChannel;
import com.therapyplatform.notification.channel.UndeliverableMessage;
import com.therapyplatform.notification.domain.Delivery;
import com.therapyplatform.notification.rendering.MessageRenderer;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned deliveries, each at most once, and records every outcome on Kafka: NotificationSent
 * after a send, NotificationFailed when a send can never succeed (that intake's message is given up,
 * nothing else waits for it). A transient failure on one channel does not keep the other channels
 * back: they go out first, then the record is retried in place and the ones already sent are skipped.
 */
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    static final String NOTIFICATIONS = "therapy.notifications";
    static final String OUTCOME_SENT = "sent";
    static final String OUTCOME_FAILED = "failed";
    /** A transient failure (mail server or SMS gateway down): retried in place. */
    static final String OUTCOME_RETRIED = "retried";
    /** The client's answer to their intake: the end of the flow for the end-to-end latency. */
    static final Set<NotificationReason> ENDS_THE_FLOW = EnumSet.of(NotificationReason.MATCH_CONFIRMATION,
            NotificationReason.WAITLIST_NOTICE, NotificationReason.CRISIS_RESOURCES);

    private final DeliveryLog deliveries;
    private final MessageRenderer renderer;
    private final MailChannel mail;
    private final SmsChannel sms;
    private final EventPublisher publisher;
    private final Clock clock;
    private final FlowMetrics metrics;

    public Dispatcher(DeliveryLog deliveries, MessageRenderer renderer, MailChannel mail, SmsChannel sms,
            EventPublisher publisher, Clock clock, FlowMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.mail = mail;
        this.sms = sms;
        this.publisher = publisher;
        this.clock = clock;
    }

    public void dispatch(EventEnvelope<?> cause, List<Delivery> planned) {
        TransientFailure retry = null;
        for (Delivery delivery : planned) {
            try {
                dispatch(cause, delivery);
            } catch (TransientFailure e) {
                count(delivery, OUTCOME_RETRIED, e.reasonCode());
                log.warn("Notification {} by {} for intake {} will be retried: {}", delivery.reason(),
                        delivery.channel(), cause.intakeId(), e.reasonCode());
                retry = retry == null ? e : retry;
            }
        }
        if (retry != null) {
            throw retry;
        }
    }

    private void dispatch(EventEnvelope<?> cause, Delivery delivery) {
        String intakeId = cause.intakeId();
        if (deliveries.done(intakeId, delivery.reason(), delivery.channel())) {
            log.info("Skipped {} by {} for intake {}: already on record", delivery.reason(), delivery.channel(),
                    intakeId);
            return;
        }
        String messageId = Delivery.messageId(intakeId, delivery.reason());
        try {
            if (delivery.address() == null) {
                throw new UndeliverableMessage("NO_ADDRESS");
            }
            if (delivery.channel() == Channel.EMAIL) {
                mail.send(delivery.address(), renderer.email(delivery.content()), messageId);
            } else {
                sms.send(delivery.address(), renderer.sms(delivery.content()), messageId, cause.occurredAt());
            }
        } catch (UndeliverableMessage e) {
            publisher.publish(Events.NOTIFICATION_FAILED, cause.answer(Events.NOTIFICATION_FAILED, clock.instant(),
                    new NotificationFailed(delivery.reason(), delivery.channel(), delivery.content().template().id(),
                            e.failureCode())));
            deliveries.recorded(intakeId, delivery.reason(), delivery.channel());
            count(delivery, OUTCOME_FAILED, e.failureCode());
            log.warn("Notification {} by {} for intake {} failed: {}", delivery.reason(), delivery.channel(), intakeId,
                    e.failureCode());
            return;
        }
        publisher.publish(Events.NOTIFICATION_SENT, cause.answer(Events.NOTIFICATION_SENT, clock.instant(),
                new NotificationSent(delivery.reason(), delivery.channel(), delivery.content().template().id(),
                        delivery.content().template().version(), messageId)));
        deliveries.recorded(intakeId, delivery.reason(), delivery.channel());
        count(delivery, OUTCOME_SENT, "none");
        if (ENDS_THE_FLOW.contains(delivery.reason())) {
            boolean urgent = delivery.reason() == NotificationReason.CRISIS_RESOURCES
                    || cause.payload() instanceof ClinicianAssigned assigned && assigned.onCall();
            metrics.stageReached(FlowMetrics.STAGE_NOTIFIED, urgent ? FlowMetrics.LANE_URGENT
                    : FlowMetrics.LANE_ROUTINE, cause.submittedAt());
        }
        log.info("Sent {} by {} for intake {}", delivery.reason(), delivery.channel(), intakeId);
    }

    /** Codes only (channel, reason, failure code): never an address or an intake id. */
    private void count(Delivery delivery, String outcome, String failure) {
        metrics.counter(NOTIFICATIONS, "Notification sends: sent, failed (given up) or retried, by channel and reason",
                "outcome", outcome, "channel", delivery.channel().name(), "reason", delivery.reason().name(),
                "failure", failure).increment();
    }
}
