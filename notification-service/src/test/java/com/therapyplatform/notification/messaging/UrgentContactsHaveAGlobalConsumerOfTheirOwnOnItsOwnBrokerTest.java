package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.platform.kafka.KafkaStreamsReadiness;
import com.therapyplatform.testsupport.SampleEvents;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The urgent intakes' contact copy ({@code intake.contact.urgent.v1}) is read by a Kafka Streams
 * application of its own, so no routine record is ever read before it. The tables' global consumer is
 * held (RoutineContactsHold) as soon as it has polled routine contacts, as if still busy with a backlog
 * of thousands of them: an urgent contact written after them is found anyway, while the routine store
 * has none of them yet. Sharing the tables' consumer, it would wait with them (and the test would fail).
 * A context of its own (the hold is on its global consumers), in the JVM of the backlog tests: thousands
 * of routine contacts reach the receipt lane too.
 */
@Order(2)
@DirtiesContext
@TestPropertySource(properties = "spring.kafka.streams.properties.global.consumer.interceptor.classes="
        + "com.therapyplatform.notification.messaging.RoutineContactsHold")
class UrgentContactsHaveAGlobalConsumerOfTheirOwnOnItsOwnBrokerTest extends NotificationBrokerTestBase {

    static final int ROUTINE = 5_000;

    @Autowired
    NotificationTables tables;

    @Autowired
    KafkaStreamsReadiness readiness;

    @Autowired
    @Qualifier("&" + NotificationConfiguration.URGENT_CONTACT_STREAMS)
    StreamsBuilderFactoryBean urgentContactStreams;

    @Test
    void anUrgentContactIsFoundWhileTheTablesAreStillHeldUpByThousandsOfRoutineContactsQueuedBeforeIt() {
        List<Map.Entry<String, byte[]>> routine = new ArrayList<>(ROUTINE);
        for (int i = 0; i < ROUTINE; i++) {
            String id = SampleEvents.newIntakeId();
            routine.add(new AbstractMap.SimpleEntry<>(id, EventJson.write(withoutConsent(id))));
        }
        String first = routine.get(0).getKey();
        String last = routine.get(ROUTINE - 1).getKey();
        Intake urgent = new Intake();

        RoutineContactsHold.hold();
        try {
            kafka.sendAll(Topics.INTAKE_CONTACT, routine);
            // the tables' global consumer has polled routine contacts and waits with them
            await().atMost(WAIT).until(() -> RoutineContactsHold.held() > 0);

            kafka.send(Topics.INTAKE_CONTACT_URGENT, urgent.id, EventJson.write(urgent.emailOnly("en")));
            long written = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> tables.urgentContact(urgent.id).isPresent());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);

            assertThat(tables.urgentContact(urgent.id)).get().extracting(IntakeContactProvided::email)
                    .isEqualTo(urgent.email);
            assertThat(tables.contact(first)).as("the first routine contact, queued before the urgent one").isEmpty();
            assertThat(tables.contact(last)).as("the last routine contact, queued before the urgent one").isEmpty();
            System.out.printf("urgent contact found after %d ms, the tables still held with routine contacts%n",
                    tookMillis);
        } finally {
            RoutineContactsHold.release();
        }
        // released, the tables read the routine contacts: they were waiting for them all along
        await().atMost(WAIT).until(() -> tables.contact(first).isPresent() && tables.contact(last).isPresent());
    }

    @Test
    void readinessCountsBothApplicationsAndTheCrisisLaneReadsTheRoutineContactsWhileTheUrgentOneIsDown() {
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.health().getDetails())
                .containsEntry("notification-service-tables", "RUNNING")
                .containsEntry("notification-service-urgent-contacts", "RUNNING");
        Intake intake = new Intake();
        publish(intake.contact(false, false, true, "en")); // the routine topic only
        await().atMost(WAIT).until(() -> tables.contact(intake.id).isPresent());

        urgentContactStreams.stop();
        try {
            assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(readiness.health().getDetails()).containsEntry("notification-service-tables", "RUNNING")
                    .doesNotContainEntry("notification-service-urgent-contacts", "RUNNING");
            assertThat(tables.urgentContact(intake.id)).get().extracting(IntakeContactProvided::email)
                    .isEqualTo(intake.email);
        } finally {
            urgentContactStreams.start();
        }
        await().atMost(WAIT).until(() -> readiness.health().getStatus().equals(Status.UP));
    }

    /** A routine intake's contact with no channel opted into: the receipt lane has nothing to send for it. */
    private static EventEnvelope<IntakeContactProvided> withoutConsent(String intakeId) {
        return EventEnvelope.sibling(SampleEvents.routineSubmitted(intakeId), Events.INTAKE_CONTACT_PROVIDED,
                new IntakeContactProvided("Test Person", intakeId + "@example.org", null, false, false, true, "en"));
    }
}
