package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import java.util.Set;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Redelivered or duplicated events never send twice: once per (intake, reason, channel). */
class DeduplicationBrokerTest extends NotificationBrokerTestBase {

    @Test
    void aContactEventDeliveredThreeTimesSendsOneReceiptPerChannel() {
        Intake intake = new Intake();
        var contact = intake.contact(true, true, true, "en");
        publish(contact);
        publish(contact); // back to back: before the audit event is back in the global store
        awaitSent(intake.id, NotificationReason.RECEIPT, Channel.SMS);
        RecordMetadata last = publish(contact); // well after: from the store

        kafka.awaitConsumed("notification-service-receipts", last, WAIT);
        assertThat(mailTo(intake.email)).hasSize(1);
        assertThat(smsTo(intake.mobile)).hasSize(1);
        assertThat(sent(intake.id)).extracting(e -> e.payload().channel())
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
    }

    @Test
    void aDuplicatedUrgentEventSendsCrisisResourcesOnce() {
        Intake intake = new Intake();
        publish(intake.emailOnly("en"));
        var urgent = intake.urgent(RiskTier.ELEVATED);
        publish(urgent);
        RecordMetadata duplicate = publish(intake.urgent(RiskTier.ELEVATED)); // a new event id, the same reason

        kafka.awaitConsumed("notification-service-crisis", duplicate, WAIT);
        awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.EMAIL);
        assertThat(sent(intake.id)).filteredOn(e -> e.payload().reason() == NotificationReason.CRISIS_RESOURCES)
                .hasSize(1).allSatisfy(e -> assertThat(e.causationId()).isEqualTo(urgent.eventId().toString()));
    }

    @Test
    void aDuplicatedOnCallAssignmentPagesOnceAndConfirmsOnce() {
        Intake intake = new Intake();
        var clinician = onRoster(clinician("dup-" + intake.id + "@clinicians.example", "+1555" + 9_000_002));
        publish(intake.emailOnly("en"));
        publish(intake.triaged(Set.of(Category.URGENT)));
        var assigned = intake.assigned(clinician, true);
        publish(assigned);
        RecordMetadata duplicate = publish(assigned);

        kafka.awaitConsumed("notification-service-pages", duplicate, WAIT);
        kafka.awaitConsumed("notification-service-outcomes", duplicate, WAIT);
        assertThat(smsTo(clinician.workMobile())).hasSize(1);
        assertThat(mailTo(clinician.workEmail())).hasSize(1);
        assertThat(sent(intake.id)).extracting(e -> e.payload().reason() + "/" + e.payload().channel())
                .containsExactlyInAnyOrder("RECEIPT/EMAIL", "ON_CALL_PAGE/SMS", "ON_CALL_PAGE/EMAIL",
                        "MATCH_CONFIRMATION/EMAIL");
    }
}
