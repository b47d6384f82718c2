package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@IntakeServiceTest
class IntakeApiBrokerTest extends IntakeHttpTestBase {

    /** The field errors of a 400 problem+json answer. */
    static JsonNode problemErrors(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return json(response.body()).get("errors");
    }

    @ParameterizedTest
    @CsvSource({"intake-routine.json, intake.submitted.v1", "intake-urgent.json, intake.submitted.urgent.v1"})
    void documentedExampleIsAcceptedAndBothEventsAreCommittedWithOneCorrelation(String example, String topic)
            throws Exception {
        HttpResponse<String> response = post(example(example), "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        String intakeId = json(response.body()).get("intakeId").asString();
        assertThat(json(response.body()).get("statusUrl").asString()).isEqualTo("/api/v1/intakes/" + intakeId);

        var submitted = EventJson.read(kafka.awaitRecords(topic, r -> intakeId.equals(r.key()), 1,
                WAIT).get(0).value(), Events.INTAKE_SUBMITTED.on(topic));
        var contact = EventJson.read(kafka.awaitRecords(Topics.INTAKE_CONTACT, r -> intakeId.equals(r.key()), 1,
                WAIT).get(0).value(), Events.INTAKE_CONTACT_PROVIDED);
        assertThat(submitted.correlationId()).isEqualTo(submitted.eventId().toString());
        assertThat(contact.correlationId()).isEqualTo(submitted.correlationId());
        assertThat(submitted.payload().answers()).containsKey("phq9.9");
        // minimum necessary: the answers event carries no contact details
        assertThat(new String(EventJson.write(submitted))).doesNotContain("example.org");
        assertThat(contact.payload().email()).endsWith("@example.org");
    }

    @Test
    void invalidAnswersAreListedByJsonPointerAndNothingIsPublished() throws Exception {
        String marker = "marker-" + java.util.UUID.randomUUID();
        String body = example("intake-routine.json")
                .replace("I would like help rebuilding trust", marker)
                .replace("\"state\": \"CA\"", "\"state\": \"California\"")
                .replace("\"age\": 34", "\"age\": 16")
                .replace("\"phq9.3\": 2", "\"phq9.3\": 7");

        HttpResponse<String> response = post(body, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsString("pointer"))
                .containsExactly("/about/age", "/about/state", "/answers/phq9.3");
        assertThat(problem.get("errors").get(0).get("detail").asString()).contains("adults");
        assertThat(response.body()).doesNotContain("California");
        // a valid intake posted afterwards is published, and the rejected one is not among what came before it
        String laterId = json(post(example("intake-routine.json"), "application/json").body()).get("intakeId")
                .asString();
        kafka.awaitRecords(Topics.INTAKE_SUBMITTED, r -> laterId.equals(r.key()), 1, WAIT);
        assertThat(kafka.readAll(Topics.INTAKE_SUBMITTED, r -> new String(r.value()).contains(marker), WAIT))
                .isEmpty();
    }

    @Test
    void unknownFieldIsRejectedWithItsPointerAndWithoutEchoingTheValue() throws Exception {
        String body = example("intake-routine.json").replace("\"questionnaire\"",
                "\"diagnosis\": \"secret-value\", \"questionnaire\"");

        HttpResponse<String> response = post(body, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("errors").get(0).get("pointer").asString()).isEqualTo("/diagnosis");
        assertThat(response.body()).doesNotContain("secret-value");
    }

    @Test
    void consentWithoutAnAddressIsInvalid() throws Exception {
        String body = example("intake-urgent.json").replace("\"sms\": false", "\"sms\": true");

        HttpResponse<String> response = post(body, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("errors").findValuesAsString("pointer")).containsExactly("/contact/mobile");
    }

    @Test
    void wrongContentTypeIs415ProblemJson() throws Exception {
        HttpResponse<String> response = post("name=x", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void malformedJsonIs400WithoutAServerError() throws Exception {
        HttpResponse<String> response = post("{\"questionnaire\": ", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("detail").asString()).isEqualTo("The request body is not valid JSON");
    }

    @Test
    void questionnaireAndFieldErrorsComeBackTogetherInOneProblem() throws Exception {
        String body = example("intake-routine.json")
                .replace("\"phq9.5\": 0", "\"phq9.10\": 0")
                .replace("\"asq.1\": 0", "\"asq.1\": 1")
                .replace("\"REBUILDING_TRUST\"", "\"REBUILDING_TRUST\", \"HOROSCOPE\"")
                .replace("\"name\": \"Riley Example\"", "\"name\": \"\"")
                .replace("\"age\": 34", "\"age\": 17");

        HttpResponse<String> response = post(body, "application/json");

        JsonNode errors = problemErrors(response);
        assertThat(errors.findValuesAsString("pointer")).containsExactly("/about/age", "/answers/asq.5",
                "/answers/phq9.10", "/answers/phq9.5", "/concerns/2", "/contact/name");
        assertThat(errors.get(0).get("detail").asString()).contains("18 or older", "988");
        assertThat(response.body()).doesNotContain("HOROSCOPE");
    }

    @Test
    void answerOutsideItsItemsOptionsIsReportedOnceWithTheOptions() throws Exception {
        HttpResponse<String> response = post(example("intake-routine.json").replace("\"asq.2\": 0", "\"asq.2\": 2"),
                "application/json");

        JsonNode errors = problemErrors(response);
        assertThat(errors.findValuesAsString("pointer")).containsExactly("/answers/asq.2");
        assertThat(errors.get(0).get("detail").asString()).isEqualTo("must be one of [0, 1]");
    }

    @Test
    void freeTextLongerThanTheBoundIsRejectedWithoutEchoingIt() throws Exception {
        String longText = "x".repeat(1990) + "-tail-marker";
        HttpResponse<String> response = post(example("intake-routine.json").replace(
                "We have been arguing a lot since the move and I would like help rebuilding trust.", longText),
                "application/json");

        assertThat(problemErrors(response).findValuesAsString("pointer")).containsExactly("/freeText");
        assertThat(response.body()).doesNotContain("tail-marker");
    }

    @Test
    void submissionNamingAnotherQuestionnaireVersionIsRejected() throws Exception {
        HttpResponse<String> response = post(example("intake-routine.json").replace("\"version\": 1", "\"version\": 2"),
                "application/json");

        assertThat(problemErrors(response).findValuesAsString("pointer")).containsExactly("/questionnaire");
    }

    @Test
    void questionnaireIsServedWithEveryItemTheExamplesAnswerAndItsSkipLogic() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/questionnaire")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode definition = json(response.body());
        assertThat(definition.get("id").asString()).isEqualTo("adult-intake");
        assertThat(definition.get("version").asInt()).isEqualTo(1);
        java.util.Set<String> itemIds = new java.util.HashSet<>(definition.findValuesAsString("id"));
        for (String example : java.util.List.of("intake-routine.json", "intake-urgent.json")) {
            assertThat(itemIds).containsAll(json(example(example)).get("answers").propertyNames());
        }
        JsonNode asq5 = definition.findValues("items").stream().flatMap(items -> items.valueStream())
                .filter(item -> "asq.5".equals(item.get("id").asString())).findFirst().orElseThrow();
        assertThat(asq5.get("askedWhen").get("anyOf").valueStream().map(JsonNode::asString))
                .containsExactly("asq.1", "asq.2", "asq.3", "asq.4");
        assertThat(asq5.get("options").size()).isGreaterThan(1);
    }
}
