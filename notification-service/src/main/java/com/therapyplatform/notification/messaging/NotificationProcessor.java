package com.therapyplatform.notification.messaging;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.notification.config.NotificationProperties;
import com.therapyplatform.notification.domain.Delivery;
import com.therapyplatform.notification.domain.NotificationPlanner;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Four lanes, each with its own consumer, so that nothing urgent queues behind routine mail:
 * <ul>
 *   <li>{@code receipt}: the contact event itself triggers the receipt;</li>
 *   <li>{@code crisis}: crisis resources from the priority lane {@code intake.urgent.v1};</li>
 *   <li>{@code outcome}: match confirmation or waitlist notice, and the new-client notice to a routinely
 *       assigned clinician;</li>
 *   <li>{@code page}: reads {@code intake.matched.v1} again on its own and pages the on-call clinician
 *       of an urgent assignment at once (routine assignments pass through it without a send).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class NotificationProcessor {

    /** A poll's receipts go out for several intakes at once (see {@link SendingLanes}). */
    @Bean
    Consumer<Message<List<byte[]>>> receipt(NotificationPlanner planner, Dispatcher dispatcher, SendingLanes lanes) {
        return polled -> lanes.receipts(polled, record -> {
            EventEnvelope<IntakeContactProvided> contact =
                    EventJson.read((byte[]) record.value(), Events.INTAKE_CONTACT_PROVIDED);
            dispatcher.dispatch(contact, planner.receipt(contact.intakeId(), contact.payload()));
        });
    }

    /**
     * A poll's crisis resources go out for several intakes at once (see {@link SendingLanes}): behind a
     * routine backlog each message took 0.5-1 s, slower than urgent intakes can arrive.
     */
    @Bean
    Consumer<Message<List<byte[]>>> crisis(NotificationPlanner planner, Lookups lookups, Dispatcher dispatcher,
            NotificationProperties properties, SendingLanes lanes) {
        return polled -> lanes.crisis(polled, record -> {
            var urgent = EventJson.read((byte[]) record.value(), Events.URGENT_INTAKE_FLAGGED);
            var contact = lookups.contactWaitingUpTo(urgent, properties.crisisContactWait());
            dispatcher.dispatch(urgent, planner.crisisResources(urgent.intakeId(), contact,
                    urgent.payload().riskTier()));
        });
    }

    /** A poll's outcomes go out for several intakes at once (see {@link SendingLanes}). */
    @Bean
    Consumer<Message<List<byte[]>>> outcome(NotificationPlanner planner, Lookups lookups, Dispatcher dispatcher,
            SendingLanes lanes) {
        return polled -> lanes.outcomes(polled, record -> {
            EventEnvelope<?> event = EventJson.readAny((byte[]) record.value());
            List<Delivery> deliveries = new ArrayList<>();
            if (event.payload() instanceof ClinicianAssigned assigned) {
                deliveries.addAll(planner.matchConfirmation(event.intakeId(), lookups.contact(event), assigned,
                        lookups.categories(event)));
                if (!assigned.onCall()) {
                    deliveries.addAll(planner.clinicianNewClient(event.intakeId(),
                            lookups.clinician(event, assigned.clinicianId())));
                }
            } else if (event.payload() instanceof IntakeWaitlisted) {
                deliveries.addAll(planner.waitlistNotice(event.intakeId(), lookups.contact(event),
                        lookups.categories(event)));
            } else {
                throw new PoisonRecordException("UNEXPECTED_EVENT_TYPE");
            }
            dispatcher.dispatch(event, deliveries);
        });
    }

    /** An on-call page is as urgent as crisis resources: routine messages give way to it too. */
    @Bean
    Consumer<Message<byte[]>> page(NotificationPlanner planner, Lookups lookups, Dispatcher dispatcher,
            CrisisFirst crisisFirst) {
        return message -> {
            var assigned = EventJson.read(message.getPayload(), Events.CLINICIAN_ASSIGNED);
            if (assigned.payload().onCall()) {
                crisisFirst.crisis(() -> dispatcher.dispatch(assigned, planner.onCallPage(assigned.intakeId(),
                        lookups.clinician(assigned, assigned.payload().clinicianId()))));
            }
        };
    }
}
