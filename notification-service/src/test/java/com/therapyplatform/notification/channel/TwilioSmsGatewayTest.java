package com.therapyplatform.notification.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio-compatible request shape, and how each provider answer is classified. */
class TwilioSmsGatewayTest {

    static final String PATH = "/2010-04-01/Accounts/AC123/Messages.json";
    static WireMockServer provider;
    TwilioSmsGateway gateway;

    @BeforeAll
    static void start() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
        gateway = gateway(Duration.ofSeconds(10)); // generous: a cold WireMock on a busy machine is slow to answer
    }

    static TwilioSmsGateway gateway(Duration readTimeout) {
        return new TwilioSmsGateway(new TwilioSmsGateway.Settings(provider.baseUrl(), "AC123", "secret",
                "+15555550100", Duration.ofSeconds(2), readTimeout), java.time.Clock.systemUTC());
    }

    void providerAnswers(int status, String body) {
        provider.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aMessageIsAFormPostOfToFromAndBodyWithBasicAuth() {
        providerAnswers(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}");

        gateway.send("+15555550123", "Need support now? Call or text 988.", "m-1", Instant.now());

        provider.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded;charset=UTF-8"))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("AC123", "secret"))
                .withFormParam("To", equalTo("+15555550123"))
                .withFormParam("From", equalTo("+15555550100"))
                .withFormParam("Body", equalTo("Need support now? Call or text 988.")));
        // a first attempt for an event since the start: nothing to ask the provider first
        provider.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void rateLimitingAndServerErrorsAreTransient() {
        for (int status : new int[] {429, 500, 502, 503}) {
            providerAnswers(status, "{}");
            assertThatThrownBy(() -> gateway.send("+15555550123", "x", "m-1", Instant.now())).isInstanceOf(TransientFailure.class);
        }
    }

    @Test
    void anInvalidNumberIsPermanentAndTheProvidersMessageIsNotKept() {
        providerAnswers(400, "{\"code\":21211,\"message\":\"The 'To' number +15555550123 is not valid\"}");

        assertThatThrownBy(() -> gateway.send("+15555550123", "x", "m-1", Instant.now())).isInstanceOfSatisfying(UndeliverableMessage.class,
                e -> {
                    assertThat(e.failureCode()).isEqualTo("SMS_NUMBER_INVALID");
                    assertThat(e.getMessage()).doesNotContain("5555550123");
                });
    }

    @Test
    void otherClientErrorsArePermanent() {
        providerAnswers(400, "not json");
        assertThatThrownBy(() -> gateway.send("+15555550123", "x", "m-1", Instant.now())).isInstanceOfSatisfying(UndeliverableMessage.class,
                e -> assertThat(e.failureCode()).isEqualTo("SMS_REJECTED"));
        providerAnswers(401, "{\"code\":20003}");
        assertThatThrownBy(() -> gateway.send("+15555550123", "x", "m-1", Instant.now())).isInstanceOfSatisfying(UndeliverableMessage.class,
                e -> assertThat(e.failureCode()).isEqualTo("SMS_PROVIDER_AUTH_REFUSED"));
    }

    @Test
    void aProviderThatCannotBeReachedOrAnswersTooLateIsTransient() {
        provider.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> gateway.send("+15555550123", "x", "m-1", Instant.now())).isInstanceOf(TransientFailure.class)
                .hasMessage("SMS_PROVIDER_UNREACHABLE");
        provider.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withFixedDelay(2000)));
        assertThatThrownBy(() -> gateway(Duration.ofMillis(300)).send("+15555550123", "x", "m-1", Instant.now()))
                .isInstanceOf(TransientFailure.class)
                .hasMessage("SMS_PROVIDER_UNREACHABLE");
    }

    @Test
    void missingSettingsFailAtStartUp() {
        assertThatThrownBy(() -> new TwilioSmsGateway.Settings("https://api.twilio.com", "", "secret", "+1",
                Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("account-sid");
    }

    /** The provider's message list for the number: one message with this body, created at {@code created}. */
    void providerLists(String body, Instant created) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(ZoneOffset.UTC));
        byte[] page = EventJson.writeValue(Map.of("page_size", 1000, "messages", List.of(Map.of("sid", "SM9",
                "to", "+15555550123", "from", "+15555550100", "body", body, "date_created", date))));
        provider.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(page)));
    }

    /** The first attempt reaches the provider, which answers only after the gateway stopped waiting. */
    void firstAttemptTimesOut(TwilioSmsGateway impatient) {
        provider.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withFixedDelay(2000)));
        assertThatThrownBy(() -> impatient.send("+15555550123", "Your clinician: https://x/1", "m-1", Instant.now()))
                .isInstanceOf(TransientFailure.class).hasMessage("SMS_PROVIDER_UNREACHABLE");
        providerAnswers(201, "{\"sid\":\"SM2\",\"status\":\"queued\"}");
    }

    @Test
    void aTextTheProviderAcceptedDespiteATimeoutIsNotSentAgain() {
        TwilioSmsGateway impatient = gateway(Duration.ofMillis(300));
        firstAttemptTimesOut(impatient);
        providerLists("Your clinician: https://x/1", Instant.now());

        impatient.send("+15555550123", "Your clinician: https://x/1", "m-1", Instant.now());

        provider.verify(1, postRequestedFor(urlEqualTo(PATH)));
        provider.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("To", equalTo("+15555550123"))
                .withQueryParam("From", equalTo("+15555550100"))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("AC123", "secret")));
    }

    @Test
    void aTextTheProviderDoesNotHoldIsSentAgainAfterATimeout() {
        TwilioSmsGateway impatient = gateway(Duration.ofMillis(300));
        firstAttemptTimesOut(impatient);
        // the same body to the same number, but from before this message's first attempt: another message
        providerLists("Your clinician: https://x/1", Instant.now().minus(Duration.ofMinutes(5)));

        impatient.send("+15555550123", "Your clinician: https://x/1", "m-1", Instant.now());

        provider.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        provider.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anotherMessageWithTheSameBodyIsNotTakenForTheUncertainOne() {
        TwilioSmsGateway impatient = gateway(Duration.ofMillis(300));
        firstAttemptTimesOut(impatient);
        providerLists("Your clinician: https://x/1", Instant.now());

        impatient.send("+15555550123", "Your clinician: https://x/1", "m-2", Instant.now());

        provider.verify(2, postRequestedFor(urlEqualTo(PATH)));
        provider.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void whileTheProvidersListCannotBeReadTheUncertainTextWaits() {
        TwilioSmsGateway impatient = gateway(Duration.ofMillis(300));
        firstAttemptTimesOut(impatient);
        provider.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> impatient.send("+15555550123", "Your clinician: https://x/1", "m-1", Instant.now()))
                .isInstanceOf(TransientFailure.class).hasMessage("SMS_PROVIDER_LIST_UNAVAILABLE");

        provider.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aTextTheProviderRefusedOutrightIsSentAgainWithoutReadingTheList() {
        providerAnswers(429, "{}");
        assertThatThrownBy(() -> gateway.send("+15555550123", "x", "m-1", Instant.now())).isInstanceOf(TransientFailure.class);
        providerAnswers(201, "{\"sid\":\"SM2\",\"status\":\"queued\"}");

        gateway.send("+15555550123", "x", "m-1", Instant.now());

        provider.verify(2, postRequestedFor(urlEqualTo(PATH)));
        provider.verify(0, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aTextForAnEventFromBeforeTheStartIsNotSentAgainWhenAPredecessorSentIt() {
        providerAnswers(201, "{\"sid\":\"SM2\",\"status\":\"queued\"}");
        Instant event = Instant.now().minus(Duration.ofMinutes(1));
        // the instance before this one sent it 30 s ago and was killed before its audit event
        providerLists("Your clinician: https://x/1", Instant.now().minus(Duration.ofSeconds(30)));

        gateway.send("+15555550123", "Your clinician: https://x/1", "m-1", event);

        provider.verify(0, postRequestedFor(urlEqualTo(PATH)));
        provider.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aTextForAnEventFromBeforeTheStartIsSentWhenTheProviderHasNothingSinceTheEvent() {
        providerAnswers(201, "{\"sid\":\"SM2\",\"status\":\"queued\"}");
        Instant event = Instant.now().minus(Duration.ofMinutes(1));
        providerLists("Your clinician: https://x/1", event.minus(Duration.ofMinutes(5)));

        gateway.send("+15555550123", "Your clinician: https://x/1", "m-1", event);

        provider.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
        provider.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }
}
