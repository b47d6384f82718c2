package com.therapyplatform.notification.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.IntakeWaitlisted;
import com.therapyplatform.contracts.events.NotificationFailed;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.NotificationSent;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.TestCredentials;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.testsupport.WithKafkaBroker;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on the test broker, with a real SMTP server and an SMS provider stub shared by
 * every test class (one application context for all of them), and the upstream events tests publish.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notification-service",
        "spring.kafka.streams.state-dir=${java.io.tmpdir}/notification-test-${random.uuid}",
        "notification.sms.provider=twilio",
        "notification.sms.twilio.account-sid=AC-test",
        "notification.sms.twilio.auth-token=test-token",
        "notification.sms.twilio.from=+15555550100",
        TestCredentials.OPS_USERNAME_PROPERTY, TestCredentials.OPS_PASSWORD_PROPERTY,
        TestCredentials.STAFF_USERNAME_PROPERTY, TestCredentials.STAFF_PASSWORD_PROPERTY})
@WithKafkaBroker
abstract class NotificationBrokerTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger(
            (int) (System.nanoTime() % 1_000_000) + 1_000_000);

    static KafkaTestClient kafka;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> TestServers.smtp().getSmtp().getPort());
        registry.add("notification.sms.twilio.base-url", () -> TestServers.sms().baseUrl());
    }

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** One intake's upstream events, as intake, triage and matching would publish them. */
    static final class Intake {

        final String id = SampleEvents.newIntakeId();
        final String email = id + "@example.org";
        final String mobile = "+1555" + NUMBERS.incrementAndGet();
        final EventEnvelope<IntakeSubmitted> submitted = SampleEvents.routineSubmitted(id);

        EventEnvelope<IntakeContactProvided> contact(boolean emailConsent, boolean smsConsent, boolean safe,
                String language) {
            return EventEnvelope.sibling(submitted, Events.INTAKE_CONTACT_PROVIDED,
                    new IntakeContactProvided("Test Person", email, mobile, emailConsent, smsConsent, safe, language));
        }

        EventEnvelope<IntakeContactProvided> emailOnly(String language) {
            return contact(true, false, true, language);
        }

        EventEnvelope<IntakeTriaged> triaged(Set<Category> categories) {
            return submitted.answer(Events.INTAKE_TRIAGED, Instant.now(), new IntakeTriaged(SampleEvents.routing("CA"),
                    categories, RiskTier.NONE, categories.contains(Category.SUBSTANCE_USE)
                            ? List.of(Sensitivity.PART2_SUBSTANCE_USE) : List.of(), "test"));
        }

        EventEnvelope<UrgentIntakeFlagged> urgent(RiskTier tier) {
            return submitted.answer(Events.URGENT_INTAKE_FLAGGED, Instant.now(),
                    new UrgentIntakeFlagged(SampleEvents.routing("CA"), tier, "test"));
        }

        EventEnvelope<ClinicianAssigned> assigned(ClinicianProfile clinician, boolean onCall) {
            return submitted.answer(Events.CLINICIAN_ASSIGNED, Instant.now(), new ClinicianAssigned(clinician.id(),
                    clinician.displayName(), clinician.credentials(), onCall, List.of("TEST")));
        }

        EventEnvelope<IntakeWaitlisted> waitlisted() {
            return submitted.answer(Events.INTAKE_WAITLISTED, Instant.now(),
                    new IntakeWaitlisted(List.of("LICENSED_IN_STATE"), List.of("NO_CLINICIAN")));
        }
    }

    static ClinicianProfile clinician(String workEmail, String workMobile) {
        String id = "clin-" + SampleEvents.newIntakeId();
        return new ClinicianProfile(id, "Dr. Maya Chen", "PhD", Set.of("CA"), Set.of(), Set.of("en"), null, Set.of(),
                10, true, List.of(), Set.of(), workEmail, workMobile);
    }

    static ClinicianProfile onRoster(ClinicianProfile clinician) {
        kafka.send(Topics.CLINICIANS, clinician.id(), EventJson.writeValue(clinician));
        return clinician;
    }

    static RecordMetadata publish(EventEnvelope<?> event) {
        return kafka.send(Events.find(event.eventType(), event.schemaVersion()).orElseThrow().topic(),
                event.intakeId(), EventJson.write(event));
    }

    static List<EventEnvelope<NotificationSent>> sent(String intakeId) {
        return kafka.readAll(Topics.NOTIFICATION_SENT, r -> intakeId.equals(r.key()), WAIT).stream()
                .map(r -> EventJson.read(r.value(), Events.NOTIFICATION_SENT)).toList();
    }

    static EventEnvelope<NotificationSent> awaitSent(String intakeId, NotificationReason reason, Channel channel) {
        return kafka.awaitRecords(Topics.NOTIFICATION_SENT, r -> intakeId.equals(r.key()) && matches(
                EventJson.read(r.value(), Events.NOTIFICATION_SENT).payload(), reason, channel), 1, WAIT).stream()
                .map(r -> EventJson.read(r.value(), Events.NOTIFICATION_SENT)).findFirst().orElseThrow();
    }

    static EventEnvelope<NotificationFailed> awaitFailed(String intakeId, NotificationReason reason, Channel channel) {
        return kafka.awaitRecords(Topics.NOTIFICATION_FAILED, r -> intakeId.equals(r.key())
                        && EventJson.read(r.value(), Events.NOTIFICATION_FAILED).payload().reason() == reason
                        && EventJson.read(r.value(), Events.NOTIFICATION_FAILED).payload().channel() == channel, 1,
                WAIT).stream().map(r -> EventJson.read(r.value(), Events.NOTIFICATION_FAILED)).findFirst()
                .orElseThrow();
    }

    private static boolean matches(NotificationSent sent, NotificationReason reason, Channel channel) {
        return sent.reason() == reason && sent.channel() == channel;
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(TestServers.smtp().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static MimeMessage mailWithId(String address, String messageId) {
        return mailTo(address).stream().filter(m -> {
            try {
                return messageId.equals(m.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
    }

    static List<LoggedRequest> smsTo(String number) {
        return TestServers.sms().findAll(postRequestedFor(urlPathEqualTo(TestServers.SMS_PATH))
                .withFormParam("To", equalTo(number)));
    }

    /** The text/plain or text/html alternative of a received mail. */
    static String part(MimeMessage mail, String type) {
        try {
            Multipart alternatives = (Multipart) mail.getContent();
            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart part = alternatives.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + type + " part");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
