package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.testsupport.WithKafkaBroker;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.config.name=notification-service",
        "spring.kafka.streams.state-dir=${java.io.tmpdir}/notification-test-${random.uuid}"})
@WithKafkaBroker
class NotificationServiceBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static KafkaTestClient kafka;

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void contactEventSendsOneReceiptWithDeterministicMessageIdAndRecordsIt() throws Exception {
        String intakeId = SampleEvents.newIntakeId();
        String email = intakeId + "@example.org";
        var contact = SampleEvents.contact(SampleEvents.routineSubmitted(intakeId), email);
        kafka.send(Topics.INTAKE_CONTACT, intakeId, EventJson.write(contact));

        var sent = EventJson.read(kafka.awaitRecords(Topics.NOTIFICATION_SENT, r -> intakeId.equals(r.key()), 1, WAIT)
                .get(0).value(), Events.NOTIFICATION_SENT);
        assertThat(sent.payload().reason()).isEqualTo(NotificationReason.RECEIPT);
        assertThat(sent.payload().channel()).isEqualTo(Channel.EMAIL);
        assertThat(sent.causationId()).isEqualTo(contact.eventId().toString());

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);
        MimeMessage mail = mailTo(email).get(0);
        assertThat(mail.getSubject()).isEqualTo("We received your request");
        assertThat(mail.getMessageID()).isEqualTo(sent.payload().messageId()).contains(intakeId + ".receipt");
        assertThat((String) mail.getContent()).contains("call or text 988");
    }

    @Test
    void assignmentSendsAMatchConfirmationNamingTheClinicianToTheStoredContact() throws Exception {
        String intakeId = SampleEvents.newIntakeId();
        String email = intakeId + "@example.org";
        var submitted = SampleEvents.routineSubmitted(intakeId);
        kafka.send(Topics.INTAKE_CONTACT, intakeId, EventJson.write(SampleEvents.contact(submitted, email)));
        kafka.send(Topics.INTAKE_MATCHED, intakeId, EventJson.write(submitted.answer(Events.CLINICIAN_ASSIGNED,
                Instant.now(), new ClinicianAssigned("clin-001", "Dr. Maya Chen", "PhD", false, List.of("X")))));

        await().atMost(WAIT).until(() -> mailTo(email).size() == 2);
        MimeMessage confirmation = mailTo(email).stream()
                .filter(m -> hasMessageId(m, ".match_confirmation")).findFirst().orElseThrow();
        assertThat(confirmation.getSubject()).isEqualTo("Your clinician is ready to meet you");
        assertThat((String) confirmation.getContent()).contains("Dr. Maya Chen, PhD");
    }

    @Test
    void urgentIntakeGetsCrisisResourcesWithoutNamingTheConditionInTheSubject() throws Exception {
        String intakeId = SampleEvents.newIntakeId();
        String email = intakeId + "@example.org";
        var submitted = SampleEvents.urgentSubmitted(intakeId);
        kafka.send(Topics.INTAKE_CONTACT, intakeId, EventJson.write(SampleEvents.contact(submitted, email)));
        kafka.send(Topics.INTAKE_URGENT, intakeId, EventJson.write(submitted.answer(Events.URGENT_INTAKE_FLAGGED,
                Instant.now(), new UrgentIntakeFlagged(SampleEvents.routing("CA"), RiskTier.ELEVATED, "t"))));

        await().atMost(WAIT).until(() -> mailTo(email).stream().anyMatch(this::isCrisisMail));
        MimeMessage crisis = mailTo(email).stream().filter(this::isCrisisMail).findFirst().orElseThrow();
        assertThat(crisis.getSubject()).doesNotContainIgnoringCase("suicid").doesNotContainIgnoringCase("crisis");
        assertThat((String) crisis.getContent()).contains("988", "HOME to 741741", "911");
    }

    private boolean isCrisisMail(MimeMessage m) {
        return hasMessageId(m, ".crisis_resources");
    }

    private static boolean hasMessageId(MimeMessage m, String part) {
        try {
            return m.getMessageID().contains(part);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
