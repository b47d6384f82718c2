package com.therapyplatform.notification.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import org.junit.jupiter.api.Test;

/**
 * Transient provider failures (429, 5xx) are retried in place until the message goes out once; a
 * permanent failure (provider 4xx, an invalid address) is recorded as NotificationFailed and holds up
 * nobody else.
 */
class DeliveryFailureBrokerTest extends NotificationBrokerTestBase {

    /** The provider answers {@code status} to the first {@code failures} messages for {@code number}, then accepts. */
    static void providerFailsFirst(String number, int status, int failures) {
        String scenario = "flaky-" + number;
        for (int i = 0; i < failures; i++) {
            TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).withFormParam("To", equalTo(number))
                    .inScenario(scenario).whenScenarioStateIs(i == 0 ? STARTED : "failed-" + i)
                    .willSetStateTo("failed-" + (i + 1))
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":20429,\"message\":\"Too many requests for " + number + "\"}")));
        }
    }

    @Test
    void theSmsProviderUnavailableIsRetriedInPlaceUntilTheCrisisSmsGoesOutOnce() {
        Intake intake = new Intake();
        providerFailsFirst(intake.mobile, 503, 2);
        publish(intake.contact(false, true, true, "en"));
        publish(intake.urgent(RiskTier.ELEVATED));

        var sent = awaitSent(intake.id, NotificationReason.CRISIS_RESOURCES, Channel.SMS);
        awaitSent(intake.id, NotificationReason.RECEIPT, Channel.SMS);
        assertThat(sent.payload().templateId()).isEqualTo("crisis-resources");
        // two refusals shared by the receipt and crisis lanes, then one accepted message each
        await().atMost(WAIT).until(() -> smsTo(intake.mobile).size() == 4);
        assertThat(smsTo(intake.mobile)).filteredOn(r -> NotificationContentBrokerTest.form(r, "Body")
                .contains("741741")).hasSizeBetween(1, 3);
        assertThat(sent(intake.id)).extracting(e -> e.payload().reason() + "/" + e.payload().channel())
                .containsExactlyInAnyOrder("RECEIPT/SMS", "CRISIS_RESOURCES/SMS");
    }

    @Test
    void aRateLimitedSmsIsRetriedAndSentOnceWhileTheEmailGoesOutAtOnce() {
        Intake intake = new Intake();
        providerFailsFirst(intake.mobile, 429, 1);
        publish(intake.contact(true, true, true, "en"));

        awaitSent(intake.id, NotificationReason.RECEIPT, Channel.SMS);
        assertThat(smsTo(intake.mobile)).hasSize(2);
        assertThat(mailTo(intake.email)).hasSize(1);
        assertThat(sent(intake.id)).hasSize(2);
    }

    @Test
    void anInvalidNumberIsRecordedAsFailedAndTheNextIntakeIsNotHeldUp() {
        Intake invalid = new Intake();
        TestServers.sms().stubFor(post(urlPathEqualTo(TestServers.SMS_PATH)).withFormParam("To", equalTo(invalid.mobile))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number " + invalid.mobile
                                + " is not a valid phone number.\",\"status\":400}")));
        Intake next = new Intake();
        publish(invalid.contact(true, true, true, "en"));
        publish(next.contact(false, true, true, "en"));

        var failed = awaitFailed(invalid.id, NotificationReason.RECEIPT, Channel.SMS);
        assertThat(failed.payload().failureCode()).isEqualTo("SMS_NUMBER_INVALID");
        assertThat(failed.payload().templateId()).isEqualTo("receipt");
        awaitSent(invalid.id, NotificationReason.RECEIPT, Channel.EMAIL);
        awaitSent(next.id, NotificationReason.RECEIPT, Channel.SMS);
        assertThat(smsTo(invalid.mobile)).hasSize(1);
    }

    @Test
    void anInvalidEmailAddressIsRecordedAsFailedAndTheNextIntakeIsNotHeldUp() {
        Intake invalid = new Intake();
        Intake next = new Intake();
        publish(invalid.submitted.answer(com.therapyplatform.contracts.Events.INTAKE_CONTACT_PROVIDED,
                java.time.Instant.now(), new com.therapyplatform.contracts.events.IntakeContactProvided(
                        null, "not an address", null, true, false, true, "en")));
        publish(next.emailOnly("en"));

        var failed = awaitFailed(invalid.id, NotificationReason.RECEIPT, Channel.EMAIL);
        assertThat(failed.payload().failureCode()).isEqualTo("MAIL_ADDRESS_INVALID");
        awaitSent(next.id, NotificationReason.RECEIPT, Channel.EMAIL);
    }

    @Test
    void anOnCallClinicianWithoutAWorkMobileIsRecordedAsAFailedPageAndStillPagedByEmail() {
        Intake intake = new Intake();
        var clinician = onRoster(clinician("nomobile-" + intake.id + "@clinicians.example", null));
        publish(intake.emailOnly("en"));
        publish(intake.triaged(java.util.Set.of()));
        publish(intake.assigned(clinician, true));

        assertThat(awaitFailed(intake.id, NotificationReason.ON_CALL_PAGE, Channel.SMS).payload().failureCode())
                .isEqualTo("NO_ADDRESS");
        awaitSent(intake.id, NotificationReason.ON_CALL_PAGE, Channel.EMAIL);
    }
}
