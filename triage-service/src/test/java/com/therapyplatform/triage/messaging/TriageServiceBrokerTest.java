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
import com.therapyplatform.platform.kafka.DeadLetters;
import com.therapyplatform.testsupport.KafkaTestClient;
import com.therapyplatform.testsupport.SampleEvents;
import com.therapyplatform.testsupport.WithKafkaBroker;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "spring.config.name=triage-service", webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithKafkaBroker
class TriageServiceBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void routineIntakeIsTriagedAndAssessedWithCausationButNotFlaggedUrgent() {
        String intakeId = SampleEvents.newIntakeId();
        EventEnvelope<IntakeSubmitted> submitted = SampleEvents.routineSubmitted(intakeId);
        kafka.send(Topics.INTAKE_SUBMITTED, intakeId, EventJson.write(submitted));

        ConsumerRecord<String, byte[]> record = kafka.awaitRecords(Topics.INTAKE_TRIAGED,
                r -> intakeId.equals(r.key()), 1, WAIT).get(0);
        EventEnvelope<IntakeTriaged> triaged = EventJson.read(record.value(), Events.INTAKE_TRIAGED);
        assertThat(triaged.payload().categories()).containsExactly(Category.RELATIONSHIP_CONCERN);
        assertThat(triaged.payload().riskTier()).isEqualTo(RiskTier.NONE);
        assertThat(triaged.correlationId()).isEqualTo(submitted.correlationId());
        assertThat(triaged.causationId()).isEqualTo(submitted.eventId().toString());
        assertThat(triaged.submittedAt()).isEqualTo(submitted.submittedAt());

        assertThat(kafka.awaitRecords(Topics.TRIAGE_ASSESSMENTS, r -> intakeId.equals(r.key()), 1, WAIT)).hasSize(1);
        assertThat(kafka.readAll(Topics.INTAKE_URGENT, r -> intakeId.equals(r.key()), WAIT)).isEmpty();
    }

    @Test
    void phq9Item9PositiveGoesToThePriorityLane() {
        String intakeId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED, intakeId, EventJson.write(SampleEvents.urgentSubmitted(intakeId)));

        var urgent = EventJson.read(kafka.awaitRecords(Topics.INTAKE_URGENT, r -> intakeId.equals(r.key()), 1, WAIT)
                .get(0).value(), Events.URGENT_INTAKE_FLAGGED);
        assertThat(urgent.payload().riskTier()).isEqualTo(RiskTier.ELEVATED);
        var triaged = EventJson.read(kafka.awaitRecords(Topics.INTAKE_TRIAGED, r -> intakeId.equals(r.key()), 1, WAIT)
                .get(0).value(), Events.INTAKE_TRIAGED);
        assertThat(triaged.payload().categories()).contains(Category.URGENT, Category.POSSIBLE_DEPRESSION);
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicWithReasonButNoMessageAndDoesNotBlockTheNextIntake() {
        String poisonKey = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED, poisonKey, "{\"not\": \"an event\"".getBytes());
        String goodId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED, goodId, EventJson.write(SampleEvents.routineSubmitted(goodId)));

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecords(Topics.deadLetter(Topics.INTAKE_SUBMITTED),
                r -> poisonKey.equals(r.key()), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, DeadLetters.REASON_HEADER)).isEqualTo("UNPARSEABLE");
        assertThat(KafkaTestClient.header(dead, DeadLetters.ERROR_CLASS_HEADER)).isEqualTo("EventDecodingException");
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
        assertThat(kafka.awaitRecords(Topics.INTAKE_TRIAGED, r -> goodId.equals(r.key()), 1, WAIT)).hasSize(1);
    }
}
