package com.therapyplatform.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.therapyplatform.faults.TopicReader.Rec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The poison probe's timing rules, on records made up here (the fault suite runs them on a real cluster). */
class PoisonProbeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TRIAGED = "intake.triaged.v1";

    private final Map<String, List<Rec>> topics = new HashMap<>();
    /** When the outside monitor saw each record: its timestamp field, here. */
    private final java.util.function.Function<Rec, Long> seenAt = Rec::timestamp;
    private final Map<String, Long> offsets = new HashMap<>();

    private Rec add(String topic, int partition, long seenAtMillis, String key, String json) {
        long offset = offsets.merge(topic + "-" + partition, 1L, Long::sum) - 1;
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        Rec r = new Rec(topic, partition, offset, seenAtMillis, key, raw,
                json.startsWith("{\"poison") ? null : JSON.readTree(json));
        topics.computeIfAbsent(topic, t -> new ArrayList<>()).add(r);
        return r;
    }

    private Rec triaged(int partition, long at) {
        String id = UUID.randomUUID().toString();
        return add(TRIAGED, partition, at, id, "{\"eventId\":\"" + id + "\",\"eventType\":\"IntakeTriaged\","
                + "\"intakeId\":\"" + id + "\",\"payload\":{\"categories\":[\"LOW_MOOD\"]}}");
    }

    /** matching's ingress handing the intake to its desk, and, later, the desk's outcome. */
    private void matched(Rec triaged, long handedToDeskAt, long outcomeAt) {
        add(PoisonProbe.MATCHING_DESK, triaged.partition(), handedToDeskAt, triaged.key(),
                "{\"type\":\"Triaged\",\"event\":" + new String(triaged.raw(), StandardCharsets.UTF_8) + "}");
        add("intake.matched.v1", triaged.partition(), outcomeAt, triaged.key(), "{\"eventId\":\""
                + UUID.randomUUID() + "\",\"eventType\":\"ClinicianAssigned\",\"causationId\":\"" + triaged.eventId()
                + "\",\"payload\":{}}");
    }

    /** A poison at the start of partition 1, seen at 0; dead-lettered at {@code deadLetteredAt}, or never (null). */
    private PoisonProbe poisonOnTriaged(Long deadLetteredAt) {
        PoisonProbe probe = new PoisonProbe();
        String key = UUID.randomUUID().toString();
        String poison = new String(PoisonProbe.POISON, StandardCharsets.UTF_8);
        Rec record = add(TRIAGED, 1, 0, key, poison);
        if (deadLetteredAt != null) {
            add(TRIAGED + ".dlt", 1, deadLetteredAt, key, poison);
        }
        probe.injected(new PoisonProbe.Injected(TRIAGED, 1, record.offset(), 0, key));
        return probe;
    }

    @Test
    void aTriagedNeighbourIsTimedAtMatchingsIngressNotAtItsOutcomeWhichLaterHopsAndFaultsDelay() {
        PoisonProbe probe = poisonOnTriaged(600L);
        // handed to the desk 3.2 s after it arrived; its outcome came 29 s after, behind a broker kill
        matched(triaged(1, 6_700), 9_900, 35_900);

        Map<String, Object> row = probe.evaluate(topics, seenAt).get(0);

        assertEquals(600L, row.get("toDeadLetterMs"));
        assertEquals(3_200L, row.get("neighbourProcessedMs"));
        assertEquals(true, row.get("ok"));
    }

    @Test
    void aNeighbourThatMatchingsIngressHeldUpFailsTheProbeWhateverItsPeersOutcomes() {
        PoisonProbe probe = poisonOnTriaged(600L);
        matched(triaged(1, 1_000), 16_000, 17_000);
        // the other partitions' intakes of the same moment were handed over within a second
        matched(triaged(0, 1_000), 1_800, 30_000);
        matched(triaged(2, 1_200), 2_000, 30_000);

        Map<String, Object> row = probe.evaluate(topics, seenAt).get(0);

        assertEquals(true, row.get("queuedBehindPoison"));
        assertEquals(15_000L, row.get("neighbourProcessedMs"));
        assertEquals(800L, row.get("peersProcessedMs"));
        assertEquals(false, row.get("ok"));
    }

    @Test
    void aPoisonThatNeverReachedItsDeadLetterTopicFailsTheProbe() {
        PoisonProbe probe = poisonOnTriaged(null);
        matched(triaged(1, 1_000), 1_500, 2_000);

        Map<String, Object> row = probe.evaluate(topics, seenAt).get(0);

        assertEquals(0, row.get("deadLetters"));
        assertEquals(false, row.get("ok"));
    }

    @Test
    void aNeighbourWrittenAfterThePoisonWasDeadLetteredIsNotHeldUpByItHoweverLateTheLaneIs() {
        PoisonProbe probe = poisonOnTriaged(600L);
        // the first record on the partition came two minutes later, and a broker kill held it 25 s
        matched(triaged(1, 120_000), 145_000, 150_000);

        Map<String, Object> row = probe.evaluate(topics, seenAt).get(0);

        assertEquals(false, row.get("queuedBehindPoison"));
        assertEquals(25_000L, row.get("neighbourProcessedMs"));
        assertEquals(true, row.get("ok"));
    }

    @Test
    void aNeighbourWrittenAfterThePoisonWasDeadLetteredMustStillBeProcessed() {
        PoisonProbe probe = poisonOnTriaged(600L);
        triaged(1, 120_000);

        Map<String, Object> row = probe.evaluate(topics, seenAt).get(0);

        assertEquals(false, row.get("queuedBehindPoison"));
        assertEquals(false, row.get("ok"));
    }
}
