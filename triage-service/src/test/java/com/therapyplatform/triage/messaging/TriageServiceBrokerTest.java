package com.therapyplatform.triage.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.Sensitivity;
import com.therapyplatform.platform.kafka.DeadLetters;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

@TriageServiceTest
class TriageServiceBrokerTest extends TriageBrokerTestBase {

    @Autowired
    BindingService bindings;

    @Value("${spring.cloud.stream.output-bindings:}")
    String boundAtStart;

    @Test
    void everyTopicTriageWritesIsBoundAtStartNotAtItsFirstSend() {
        List<String> written = List.of(Events.URGENT_INTAKE_FLAGGED.topic(), Events.INTAKE_TRIAGED.topic(),
                Events.TRIAGE_ASSESSED.topic());

        assertThat(boundAtStart.split(";")).containsExactlyInAnyOrderElementsOf(written);
        written.forEach(topic -> assertThat(bindings.getProducerBinding(topic)).as(topic).isNotNull());
    }

    @Test
    void routineIntakeIsTriagedWithOnlyRoutingFieldsAndAssessedWithScoresButNotFlaggedUrgent() {
        String intakeId = SampleEvents.newIntakeId();
        EventEnvelope<IntakeSubmitted> submitted = SampleEvents.routineSubmitted(intakeId);
        kafka.send(Topics.INTAKE_SUBMITTED, intakeId, EventJson.write(submitted));

        ConsumerRecord<String, byte[]> record = awaitOne(Topics.INTAKE_TRIAGED, intakeId);
        EventEnvelope<IntakeTriaged> triaged = EventJson.read(record.value(), Events.INTAKE_TRIAGED);
        assertThat(triaged.payload().categories()).containsExactly(Category.RELATIONSHIP_CONCERN);
        assertThat(triaged.payload().riskTier()).isEqualTo(RiskTier.NONE);
        assertThat(triaged.correlationId()).isEqualTo(submitted.correlationId());
        assertThat(triaged.causationId()).isEqualTo(submitted.eventId().toString());
        assertThat(triaged.submittedAt()).isEqualTo(submitted.submittedAt());
        // minimum necessary: the routing view has no answers, scores, reasons or text
        JsonNode payload = EventJson.mapper().readTree(record.value()).get("payload");
        assertThat(payload.propertyNames())
                .containsExactlyInAnyOrder("routing", "categories", "riskTier", "sensitivity", "rulesVersion");

        var assessed = EventJson.read(awaitOne(Topics.TRIAGE_ASSESSMENTS, intakeId).value(), Events.TRIAGE_ASSESSED);
        assertThat(assessed.payload().scores()).extracting("instrument")
                .containsExactly("PHQ-9", "ASQ", "AUDIT-C", "CAGE-AID", "R-GPTS-B");
        assertThat(assessed.payload().reasonCodes()).containsExactly("CONCERN_RELATIONSHIP_SELECTED");
        assertThat(kafka.readAll(Topics.INTAKE_URGENT, r -> intakeId.equals(r.key()), WAIT)).isEmpty();
    }

    @Test
    void phq9Item9PositiveGoesToThePriorityLane() {
        String intakeId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED, intakeId, EventJson.write(SampleEvents.urgentSubmitted(intakeId)));

        var urgent = EventJson.read(awaitOne(Topics.INTAKE_URGENT, intakeId).value(), Events.URGENT_INTAKE_FLAGGED);
        assertThat(urgent.payload().riskTier()).isEqualTo(RiskTier.ELEVATED);
        var triaged = EventJson.read(awaitOne(Topics.INTAKE_TRIAGED, intakeId).value(), Events.INTAKE_TRIAGED);
        assertThat(triaged.payload().categories()).contains(Category.URGENT, Category.POSSIBLE_DEPRESSION);
    }

    @Test
    void anUrgentIntakeOnThePriorityTopicIsTriagedAndFlaggedExactlyOnce() {
        String intakeId = SampleEvents.newIntakeId();
        EventEnvelope<IntakeSubmitted> submitted = SampleEvents.urgentSubmitted(intakeId);
        kafka.send(Topics.INTAKE_SUBMITTED_URGENT, intakeId, EventJson.write(submitted));

        var urgent = EventJson.read(awaitOne(Topics.INTAKE_URGENT, intakeId).value(), Events.URGENT_INTAKE_FLAGGED);
        assertThat(urgent.payload().riskTier()).isEqualTo(RiskTier.ELEVATED);
        assertThat(urgent.causationId()).isEqualTo(submitted.eventId().toString());
        var triaged = EventJson.read(awaitOne(Topics.INTAKE_TRIAGED, intakeId).value(), Events.INTAKE_TRIAGED);
        assertThat(triaged.payload().categories()).contains(Category.URGENT);
        awaitOne(Topics.TRIAGE_ASSESSMENTS, intakeId);
        // the transaction of the priority binding is the routine one's: each event once, read committed
        for (String topic : List.of(Topics.INTAKE_URGENT, Topics.INTAKE_TRIAGED, Topics.TRIAGE_ASSESSMENTS)) {
            assertThat(kafka.readAll(topic, r -> intakeId.equals(r.key()), WAIT)).as(topic).hasSize(1);
        }
    }

    /**
     * Poison on the priority topic goes to that topic's own dead-letter topic (so a replay returns it to
     * the priority path), at once, and the urgent intake behind it is triaged.
     */
    @Test
    void poisonOnThePriorityTopicIsDeadLetteredToItsOwnDltWithoutHoldingBackTheUrgentIntakeBehindIt() {
        String unparseable = SampleEvents.newIntakeId();
        String invalidAnswers = SampleEvents.newIntakeId();
        String neighbour = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED_URGENT, unparseable,
                "{\"not\": \"an event\"".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.INTAKE_SUBMITTED_URGENT, invalidAnswers, EventJson.write(SampleEvents.submitted(
                invalidAnswers, SampleEvents.completeAnswers(Map.of("phq9.9", 7)), List.of())));
        kafka.send(Topics.INTAKE_SUBMITTED_URGENT, neighbour, EventJson.write(SampleEvents.urgentSubmitted(neighbour)));

        awaitOne(Topics.INTAKE_URGENT, neighbour);
        List<String> poison = List.of(unparseable, invalidAnswers);
        String dlt = Topics.deadLetter(Topics.INTAKE_SUBMITTED_URGENT);
        kafka.awaitRecords(dlt, r -> poison.contains(r.key()), 2, WAIT);
        List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(dlt, r -> poison.contains(r.key()), WAIT);
        assertThat(dead).as("each poison record is dead-lettered exactly once").hasSize(2);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : dead) {
            reasons.put(record.key(), KafkaTestClient.header(record, DeadLetters.REASON_HEADER));
            assertThat(KafkaTestClient.header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                    .isEqualTo(Topics.INTAKE_SUBMITTED_URGENT);
            assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        }
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                unparseable, "UNPARSEABLE", invalidAnswers, "ANSWER_NOT_AN_OPTION"));
        assertThat(kafka.readAll(Topics.deadLetter(Topics.INTAKE_SUBMITTED), r -> poison.contains(r.key()), WAIT))
                .isEmpty();
        assertThat(kafka.readAll(Topics.INTAKE_TRIAGED, r -> poison.contains(r.key()), WAIT)).isEmpty();
    }

    @Test
    void substanceUseIntakeCarriesThePart2LabelOnBothTriageEvents() {
        String intakeId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED, intakeId, EventJson.write(SampleEvents.submitted(intakeId,
                SampleEvents.completeAnswers(Map.of("cageaid.1", 1, "cageaid.3", 1)), List.of())));

        var triaged = EventJson.read(awaitOne(Topics.INTAKE_TRIAGED, intakeId).value(), Events.INTAKE_TRIAGED);
        var assessed = EventJson.read(awaitOne(Topics.TRIAGE_ASSESSMENTS, intakeId).value(), Events.TRIAGE_ASSESSED);
        assertThat(triaged.payload().categories()).containsExactly(Category.SUBSTANCE_USE);
        assertThat(triaged.payload().sensitivity()).containsExactly(Sensitivity.PART2_SUBSTANCE_USE);
        assertThat(assessed.payload().sensitivity()).containsExactly(Sensitivity.PART2_SUBSTANCE_USE);
        assertThat(assessed.payload().reasonCodes()).containsExactly("CAGEAID_GE_2");
    }

    /**
     * Three poison records between two good intakes: each goes to the dead-letter topic once, with a
     * reason code and no message, and the good intake behind them is triaged without waiting. Had any
     * of them been retried as an unclassified failure (5 retries, 100 ms doubling: at least 3.1 s each),
     * the second good intake would be triaged 9 s or more after the first.
     */
    @Test
    void poisonRecordsBetweenTwoGoodIntakesAreDeadLetteredAtOnceAndNeitherDelayNorDropThem() {
        String firstId = SampleEvents.newIntakeId();
        String unparseable = SampleEvents.newIntakeId();
        String unknownVersion = SampleEvents.newIntakeId();
        String invalidAnswers = SampleEvents.newIntakeId();
        String secondId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED, firstId, EventJson.write(SampleEvents.routineSubmitted(firstId)));
        kafka.send(Topics.INTAKE_SUBMITTED, unparseable, "{\"not\": \"an event\"".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.INTAKE_SUBMITTED, unknownVersion, new String(EventJson.write(
                SampleEvents.routineSubmitted(unknownVersion)), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":9"));
        kafka.send(Topics.INTAKE_SUBMITTED, invalidAnswers, EventJson.write(SampleEvents.submitted(invalidAnswers,
                SampleEvents.completeAnswers(Map.of("phq9.3", 7)), List.of())));
        kafka.send(Topics.INTAKE_SUBMITTED, secondId, EventJson.write(SampleEvents.routineSubmitted(secondId)));

        var first = EventJson.read(awaitOne(Topics.INTAKE_TRIAGED, firstId).value(), Events.INTAKE_TRIAGED);
        var second = EventJson.read(awaitOne(Topics.INTAKE_TRIAGED, secondId).value(), Events.INTAKE_TRIAGED);
        assertThat(Duration.between(first.occurredAt(), second.occurredAt())).isLessThan(Duration.ofSeconds(5));

        List<String> poison = List.of(unparseable, unknownVersion, invalidAnswers);
        kafka.awaitRecords(Topics.deadLetter(Topics.INTAKE_SUBMITTED), r -> poison.contains(r.key()), 3, WAIT);
        List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(Topics.deadLetter(Topics.INTAKE_SUBMITTED),
                r -> poison.contains(r.key()), WAIT);
        assertThat(dead).as("each poison record is dead-lettered exactly once").hasSize(3);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : dead) {
            reasons.put(record.key(), KafkaTestClient.header(record, DeadLetters.REASON_HEADER)
                    + "/" + KafkaTestClient.header(record, DeadLetters.ERROR_CLASS_HEADER));
            assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNull();
            assertThat(record.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
            // where it came from, so that it can be replayed (DeadLetterDesk)
            assertThat(KafkaTestClient.header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                    .isEqualTo(Topics.INTAKE_SUBMITTED);
            assertThat(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNull();
        }
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                unparseable, "UNPARSEABLE/EventDecodingException",
                unknownVersion, "UNSUPPORTED_SCHEMA_VERSION/EventDecodingException",
                invalidAnswers, "ANSWER_NOT_AN_OPTION/PoisonRecordException"));
        assertThat(kafka.readAll(Topics.INTAKE_TRIAGED, r -> poison.contains(r.key()), WAIT)).isEmpty();
    }
}
