package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.intake.status.StatusTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@IntakeServiceTest
class IntakeStatusBrokerTest extends IntakeHttpTestBase {

    @Test
    void statusFollowsTheDownstreamEventsForTheTokenHolder() throws Exception {
        Submitted intake = submit("intake-routine.json");

        JsonNode received = awaitStatus(intake, "RECEIVED");
        assertThat(received.get("crisisResources").size()).isZero();
        kafka.send(Topics.INTAKE_TRIAGED, intake.intakeId(), "{}");
        awaitStatus(intake, "IN_REVIEW");
        publishMatched(intake.intakeId(), "Dr. Morgan Example", "PhD, Licensed Psychologist");
        JsonNode matched = awaitStatus(intake, "MATCHED");

        assertThat(matched.get("clinician").get("displayName").asString()).isEqualTo("Dr. Morgan Example");
        assertThat(matched.get("clinician").get("credentials").asString()).isEqualTo("PhD, Licensed Psychologist");
    }

    @Test
    void urgentIntakeSeesTheCrisisResourcesAtOnce() throws Exception {
        Submitted intake = submit("intake-urgent.json");
        awaitStatus(intake, "RECEIVED");

        kafka.send(Topics.INTAKE_URGENT, intake.intakeId(), "{}");
        JsonNode urgent = awaitStatus(intake, "IN_REVIEW");

        assertThat(urgent.get("crisisResources").findValuesAsString("howToReach"))
                .anySatisfy(how -> assertThat(how).contains("988"))
                .anySatisfy(how -> assertThat(how).contains("741741"))
                .anySatisfy(how -> assertThat(how).contains("911"));
    }

    @Test
    void longPollAnswersAtTheChangeWithTheNewStatus() throws Exception {
        Submitted intake = submit("intake-routine.json");
        awaitStatus(intake, "RECEIVED");

        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(statusRequest(intake.intakeId(), intake.token(),
                25), HttpResponse.BodyHandlers.ofString());
        kafka.send(Topics.INTAKE_WAITLISTED, intake.intakeId(), "{}");

        // a poll that ran out would still say RECEIVED
        assertThat(json(poll.get().body()).get("status").asString()).isEqualTo("WAITLISTED");
    }

    @Test
    void wrongMissingOrUnknownTokenGetsTheSame404AsAnUnknownIntake() throws Exception {
        Submitted intake = submit("intake-routine.json");
        awaitStatus(intake, "RECEIVED");
        String unknownId = java.util.UUID.randomUUID().toString();

        List<HttpResponse<String>> refusals = List.of(status(intake.intakeId(), StatusTokens.newToken(), 0),
                status(intake.intakeId(), null, 0), status(intake.intakeId(), StatusTokens.hash(intake.token()), 1),
                status(unknownId, intake.token(), 0));

        for (HttpResponse<String> refusal : refusals) {
            assertThat(refusal.statusCode()).isEqualTo(404);
            assertThat(refusal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refusal.body().replace(unknownId, intake.intakeId()))
                    .isEqualTo(refusals.get(0).body());
        }
    }

    @Test
    void onlyTheTokensHashIsPublishedAndNeverBesideTheAnswers() throws Exception {
        Submitted intake = submit("intake-routine.json");

        byte[] hash = kafka.awaitRecords(Topics.INTAKE_STATUS_TOKENS, r -> intake.intakeId().equals(r.key()), 1, WAIT)
                .get(0).value();
        String submitted = new String(kafka.awaitRecords(Topics.INTAKE_SUBMITTED,
                r -> intake.intakeId().equals(r.key()), 1, WAIT).get(0).value());

        assertThat(new String(hash)).isEqualTo(StatusTokens.hash(intake.token())).isNotEqualTo(intake.token());
        assertThat(submitted).doesNotContain(intake.token()).doesNotContain(new String(hash));
    }
}
