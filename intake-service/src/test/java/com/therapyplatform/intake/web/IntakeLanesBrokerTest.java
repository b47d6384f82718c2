package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The priority path before triage: intake-service applies the triage rules and writes an urgent
 * intake's answers to {@code intake.submitted.urgent.v1}, a routine one's to {@code intake.submitted.v1};
 * each intake is on exactly one of the two, and its contact details on {@code intake.contact.v1} in the
 * same transaction either way; an urgent intake's also on {@code intake.contact.urgent.v1}, the crisis
 * lane's copy.
 */
@IntakeServiceTest
class IntakeLanesBrokerTest extends IntakeHttpTestBase {

    @Test
    void anUrgentSubmissionLandsOnThePriorityTopicOnlyWithItsContactEvent() throws Exception {
        // PHQ-9 item 9 above 0 and an ASQ yes
        String intakeId = accepted(example("intake-urgent.json"));

        assertOnlyOn(Topics.INTAKE_SUBMITTED_URGENT, Topics.INTAKE_SUBMITTED, intakeId);
    }

    @Test
    void crisisLanguageAloneSendsAnOtherwiseRoutineSubmissionToThePriorityTopic() throws Exception {
        String body = example("intake-routine.json").replace(
                "We have been arguing a lot since the move and I would like help rebuilding trust.",
                "Since the move some days I just want to die.");

        String intakeId = accepted(body);

        assertOnlyOn(Topics.INTAKE_SUBMITTED_URGENT, Topics.INTAKE_SUBMITTED, intakeId);
    }

    @Test
    void aRoutineSubmissionLandsOnTheRoutineTopicOnlyWithItsContactEvent() throws Exception {
        String intakeId = accepted(example("intake-routine.json"));

        assertOnlyOn(Topics.INTAKE_SUBMITTED, Topics.INTAKE_SUBMITTED_URGENT, intakeId);
    }

    private String accepted(String body) throws Exception {
        HttpResponse<String> response = post(body, "application/json");
        assertThat(response.statusCode()).isEqualTo(202);
        return json(response.body()).get("intakeId").asString();
    }

    /** On {@code topic} once, with its contact event in the same commit; on {@code notOn} never. */
    private static void assertOnlyOn(String topic, String notOn, String intakeId) {
        var submitted = EventJson.read(kafka.awaitRecords(topic, r -> intakeId.equals(r.key()), 1, WAIT).get(0)
                .value(), Events.INTAKE_SUBMITTED.on(topic));
        var contact = EventJson.read(kafka.awaitRecords(Topics.INTAKE_CONTACT, r -> intakeId.equals(r.key()), 1,
                WAIT).get(0).value(), Events.INTAKE_CONTACT_PROVIDED);
        assertThat(contact.correlationId()).isEqualTo(submitted.correlationId());
        // one transaction: once its records are readable (read_committed), all of them are
        assertThat(kafka.readAll(topic, r -> intakeId.equals(r.key()), WAIT)).hasSize(1);
        assertThat(kafka.readAll(notOn, r -> intakeId.equals(r.key()), WAIT)).isEmpty();
        // the crisis lane's copy of the contact: for urgent intakes only, the same event, the same commit
        var urgentCopies = kafka.readAll(Topics.INTAKE_CONTACT_URGENT, r -> intakeId.equals(r.key()), WAIT);
        if (Topics.INTAKE_SUBMITTED_URGENT.equals(topic)) {
            assertThat(urgentCopies).hasSize(1);
            assertThat(EventJson.read(urgentCopies.get(0).value(),
                    Events.INTAKE_CONTACT_PROVIDED.on(Topics.INTAKE_CONTACT_URGENT)).eventId())
                    .isEqualTo(contact.eventId());
        } else {
            assertThat(urgentCopies).isEmpty();
        }
    }
}
