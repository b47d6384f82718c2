package com.therapyplatform.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each reason sends, as received by a real SMTP server and the SMS provider stub. */
class NotificationContentBrokerTest extends NotificationBrokerTestBase {

    @Test
    void aContactEventSendsOneEnglishReceiptWithTheDeterministicMessageIdAndRecordsIt() throws Exception {
        Intake intake = new Intake();
        var contact = intake.emailOnly("en");
        publish(contact);

        var sent = awaitSent(intake.id, NotificationReason.RECEIPT, Channel.EMAIL);
        assertThat(sent.causationId()).isEqualTo(contact.eventId().toString());
        assertThat(sent.payload().templateId()).isEqualTo("receipt");
        assertThat(sent.payload().templateVersion()).isEqualTo(2);
        await().atMost(WAIT).until(() -> mailTo(intake.email).size() == 1);
        MimeMessage mail = mailTo(intake.email).get(0);
        assertThat(mail.getMessageID()).isEqualTo(sent.payload().messageId())
                .isEqualTo("<" + intake.id + ".receipt@notifications.therapyplatform.example>");
        assertThat(mail.getSubject()).isEqualTo("We received your request");
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
        assertThat(part(mail, "text/plain")).startsWith("Thank you for reaching out.")
                .contains("/api/v1/intakes/" + intake.id, "Call or text 988");
        assertThat(part(mail, "text/html")).contains("<html lang=\"en\">", "988 Suicide &amp; Crisis Lifeline");
    }

    @Test
    void aSpanishSpeakerWhoOptedIntoSmsGetsTheReceiptInSpanishByEmailAndSms() throws Exception {
        Intake intake = new Intake();
        publish(intake.contact(true, true, true, "es"));

        awaitSent(intake.id, NotificationReason.RECEIPT, Channel.SMS);
        await().atMost(WAIT).until(() -> mailTo(intake.email).size() == 1);
        MimeMessage mail = mailTo(intake.email).get(0);
        assertThat(mail.getSubject()).isEqualTo("Recibimos su solicitud");
        assertThat(mail.getHeader("Content-Language")).containsExactly("es");
        assertThat(part(mail, "text/plain")).startsWith("Gracias por comunicarse con nosotros.")
                .contains("Línea de Prevención del Suicidio y Crisis");

        LoggedRequest sms = smsTo(intake.mobile).get(0);
        assertThat(form(sms, "From")).isEqualTo("+15555550100");
        assertThat(form(sms, "Body")).startsWith("Recibimos su solicitud").contains("988");
        assertThat(sms.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("AC-test:test-token".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUrgentIntakeAtImminentRiskGetsCrisisResourcesLedBy911WithoutNamingTheConditionInTheSubject()
            throws Exception {
        Intake intake = new Intake();
        publish(intake.emailOnly("en"));
        var urgent = intake.urgent(RiskTier.IMMINENT);
        publish(urgent);

        var sent = awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.EMAIL);
        assertThat(sent.causationId()).isEqualTo(urgent.eventId().toString());
        await().atMost(WAIT).until(() -> mailTo(intake.email).size() == 2);
        MimeMessage crisis = mailWithId(intake.email, sent.payload().messageId());
        assertThat(crisis.getMessageID()).contains(intake.id + ".crisis_resources");
        assertThat(crisis.getSubject()).isEqualTo("Support is available right now");
        assertThat(part(crisis, "text/plain")).startsWith("If you are in danger now, call 911.")
                .contains("Call or text 988", "988lifeline.org", "Text HOME to 741741")
                .doesNotContainIgnoringCase("press 3");
    }

    @Test
    void theCrisisLaneFindsAnUrgentIntakesContactOnItsOwnTopicWhenTheRoutineTopicHasNotGotIt() {
        Intake intake = new Intake();
        // only the urgent intakes' copy: as when intake.contact.v1 has a routine burst in front of it
        kafka.send(Topics.INTAKE_CONTACT_URGENT, intake.id, EventJson.write(intake.emailOnly("en")));
        publish(intake.urgent(RiskTier.ELEVATED));

        awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.EMAIL);
        assertThat(mailTo(intake.email)).as("crisis mail only: no receipt comes from the urgent copy").hasSize(1);
    }

    @Test
    void aMatchConfirmationNamesTheClinicianShowsTheHelplineForTheCategoryAndTheClinicianGetsALinkOnly()
            throws Exception {
        Intake intake = new Intake();
        var clinician = onRoster(clinician("maya-" + intake.id + "@clinicians.example", null));
        publish(intake.emailOnly("en"));
        publish(intake.triaged(Set.of(Category.SUBSTANCE_USE)));
        publish(intake.assigned(clinician, false));

        var confirmation = awaitSent(intake.id, NotificationReason.MATCH_CONFIRMATION, Channel.EMAIL);
        var notice = awaitSent(intake.id, NotificationReason.CLINICIAN_NEW_CLIENT, Channel.EMAIL);
        await().atMost(WAIT).until(() -> mailTo(intake.email).size() == 2 && mailTo(clinician.workEmail()).size() == 1);

        MimeMessage mail = mailWithId(intake.email, confirmation.payload().messageId());
        assertThat(mail.getSubject()).isEqualTo("Your clinician is ready to meet you");
        assertThat(part(mail, "text/plain")).startsWith("We matched you with Dr. Maya Chen, PhD.")
                .contains("Next steps", "schedule your first session", "SAMHSA National Helpline",
                        "1-800-662-HELP (4357)");

        MimeMessage toClinician = mailTo(clinician.workEmail()).get(0);
        assertThat(toClinician.getMessageID()).isEqualTo(notice.payload().messageId())
                .contains(intake.id + ".clinician_new_client");
        assertThat(toClinician.getSubject()).isEqualTo("New client assigned");
        assertThat(part(toClinician, "text/plain")).contains("/intakes/" + intake.id)
                .doesNotContain(intake.email, "Test Person", "SAMHSA")
                // a phrase, not the bare number: a random intake id can contain "988"
                .doesNotContainIgnoringCase("text 988", "Lifeline");
    }

    @Test
    void aWaitlistNoticeExplainsTheWaitAndShowsOnlyTheGeneralHelpline() throws Exception {
        Intake intake = new Intake();
        publish(intake.emailOnly("en"));
        publish(intake.triaged(Set.of(Category.RELATIONSHIP_CONCERN)));
        publish(intake.waitlisted());

        var sent = awaitSent(intake.id, NotificationReason.WAITLIST_NOTICE, Channel.EMAIL);
        await().atMost(WAIT).until(() -> mailTo(intake.email).size() == 2);
        MimeMessage mail = mailWithId(intake.email, sent.payload().messageId());
        assertThat(mail.getSubject()).isEqualTo("An update on your request");
        assertThat(part(mail, "text/plain")).contains("You are on our waitlist", "text 988").doesNotContain("SAMHSA");
    }

    @Test
    void whenItIsNotSafeToLeaveMessagesTheMatchConfirmationIsMinimal() throws Exception {
        Intake intake = new Intake();
        var clinician = onRoster(clinician("ellis-" + intake.id + "@clinicians.example", null));
        publish(intake.contact(true, false, false, "en"));
        publish(intake.triaged(Set.of(Category.SUBSTANCE_USE)));
        publish(intake.assigned(clinician, false));

        var sent = awaitSent(intake.id, NotificationReason.MATCH_CONFIRMATION, Channel.EMAIL);
        assertThat(sent.payload().templateId()).isEqualTo("minimal");
        await().atMost(WAIT).until(() -> mailTo(intake.email).size() == 2);
        MimeMessage mail = mailWithId(intake.email, sent.payload().messageId());
        assertThat(mail.getSubject()).isEqualTo("A message from your care team");
        assertThat(part(mail, "text/plain")).contains("/api/v1/intakes/" + intake.id, "text 988")
                .doesNotContain("Maya Chen", "SAMHSA");
    }

    @Test
    void anOnCallAssignmentPagesTheClinicianBySmsAndEmail() throws Exception {
        Intake intake = new Intake();
        var clinician = onRoster(clinician("oncall-" + intake.id + "@clinicians.example", "+1555" + 9_000_001));
        publish(intake.emailOnly("en"));
        publish(intake.triaged(Set.of(Category.URGENT)));
        publish(intake.assigned(clinician, true));

        awaitSent(intake.id, NotificationReason.ON_CALL_PAGE, Channel.SMS);
        var email = awaitSent(intake.id, NotificationReason.ON_CALL_PAGE, Channel.EMAIL);
        LoggedRequest page = smsTo(clinician.workMobile()).get(0);
        assertThat(form(page, "Body")).isEqualTo("On-call page: a new intake was assigned to you. Open it now: "
                + "https://clinicians.therapyplatform.example/intakes/" + intake.id);
        await().atMost(WAIT).until(() -> mailTo(clinician.workEmail()).size() == 1);
        assertThat(mailTo(clinician.workEmail()).get(0).getMessageID()).isEqualTo(email.payload().messageId());
        // the on-call page replaces the routine new-client notice
        awaitSent(intake.id, NotificationReason.MATCH_CONFIRMATION, Channel.EMAIL);
        assertThat(sent(intake.id)).extracting(e -> e.payload().reason())
                .doesNotContain(NotificationReason.CLINICIAN_NEW_CLIENT);
    }

    @Test
    void aPersonWhoOptedOutOfEmailGetsNoMail() {
        Intake intake = new Intake();
        var contact = publish(intake.contact(false, true, true, "en"));

        awaitSent(intake.id, NotificationReason.RECEIPT, Channel.SMS);
        kafka.awaitConsumed("notification-service-receipts", contact, WAIT);
        assertThat(mailTo(intake.email)).isEmpty();
        assertThat(sent(intake.id)).extracting(e -> e.payload().channel()).containsExactly(Channel.SMS);
    }

    static String form(LoggedRequest request, String field) {
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(field)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
