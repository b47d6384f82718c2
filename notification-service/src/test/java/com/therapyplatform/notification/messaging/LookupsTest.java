package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import com.therapyplatform.platform.kafka.TransientFailure;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class LookupsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final IntakeContactProvided CONTACT =
            new IntakeContactProvided("Sam", "sam@example.org", null, true, false, true, "en");

    /** A contacts table that has the contact from its {@code foundOnLook}-th look on. */
    private static final class Tables extends NotificationTables {
        final AtomicInteger looks = new AtomicInteger();
        final int foundOnLook;

        Tables(int foundOnLook) {
            // never started: every lookup here is overridden
            super(new StreamsBuilderFactoryBean(), new StreamsBuilderFactoryBean());
            this.foundOnLook = foundOnLook;
        }

        @Override
        public Optional<IntakeContactProvided> contact(String intakeId) {
            return looks.incrementAndGet() >= foundOnLook ? Optional.of(CONTACT) : Optional.empty();
        }

        /** Either copy counts as one look: the crisis lane's wait is what these tests are about. */
        @Override
        public Optional<IntakeContactProvided> urgentContact(String intakeId) {
            return contact(intakeId);
        }
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Lookups lookups(Tables tables) {
        return new Lookups(tables, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30), meters);
    }

    private Timer contactWait(String outcome) {
        return meters.get(Lookups.CONTACT_WAIT).tag("outcome", outcome).timer();
    }

    private static EventEnvelope<IntakeContactProvided> eventOccurredAt(Instant at) {
        return EventEnvelope.first(Events.INTAKE_CONTACT_PROVIDED, "intake-1", at, CONTACT);
    }

    @Test
    void crisisLaneFindsAContactTheStoreReadsWhileItWaitsWithoutARedelivery() {
        Tables tables = new Tables(4);

        assertThat(lookups(tables).contactWaitingUpTo(eventOccurredAt(NOW), Duration.ofSeconds(5))).isEqualTo(CONTACT);
        assertThat(tables.looks).hasValue(4);
        // three 5 ms waits before the fourth look found it, recorded once
        assertThat(contactWait("found").count()).isEqualTo(1);
        assertThat(contactWait("found").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(15);
        assertThat(contactWait("missing").count()).isZero();
    }

    @Test
    void crisisLaneHandsAContactStillMissingAfterItsWaitToTheRedeliveryBackOff() {
        Tables tables = new Tables(Integer.MAX_VALUE);

        assertThatThrownBy(() -> lookups(tables).contactWaitingUpTo(eventOccurredAt(NOW), Duration.ofMillis(30)))
                .isInstanceOf(TransientFailure.class);
        assertThat(tables.looks.get()).isGreaterThan(1);
        assertThat(contactWait("missing").count()).isEqualTo(1);
        assertThat(contactWait("missing").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(30);
    }

    @Test
    void eventPastTheGracePeriodIsDeadLetteredAtOnceWithoutWaiting() {
        Tables tables = new Tables(Integer.MAX_VALUE);

        assertThatThrownBy(() -> lookups(tables).contactWaitingUpTo(eventOccurredAt(NOW.minusSeconds(31)),
                Duration.ofSeconds(5))).isInstanceOf(PoisonRecordException.class);
        assertThat(tables.looks).hasValue(1);
    }

    @Test
    void routineLookupLooksOnceAndLeavesTheWaitToTheBackOff() {
        Tables tables = new Tables(2);

        assertThatThrownBy(() -> lookups(tables).contact(eventOccurredAt(NOW))).isInstanceOf(TransientFailure.class);
        assertThat(tables.looks).hasValue(1);
    }
}
