package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.matching.domain.Desk;
import com.therapyplatform.matching.domain.Ledger;
import com.therapyplatform.matching.domain.Matcher;
import com.therapyplatform.platform.kafka.FlowMetrics;
import com.therapyplatform.platform.kafka.StreamsTracing;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The two Kafka Streams topologies of matching-service (see docs/matching.md for the whole design).
 *
 * <pre>
 * routine:  intake.triaged.v1 ─ingress─► matching.desk.v1 ─desk─► matching.ledger.v1 ─ledger─► matching.desk.v1
 *           desk ─► intake.matched.v1, intake.waitlisted.v1, matching.waitlist.v1 (compacted)
 *           ledger ─► matching.caseloads.v1 (compacted)
 *           global stores: clinicians.v1 (roster), matching.waitlist.v1, matching.caseloads.v1
 * urgent:   intake.urgent.v1 ─urgent─► intake.matched.v1, matching.escalations.v1, matching.ledger.v1
 *           global stores: clinicians.v1 (roster), matching.caseloads.v1
 * </pre>
 */
final class MatchingTopologies {

    private static final Deserializer<String> KEY_IN = Serdes.String().deserializer();
    private static final Deserializer<byte[]> VALUE_IN = Serdes.ByteArray().deserializer();
    private static final Serializer<String> KEY_OUT = Serdes.String().serializer();
    private static final Serializer<byte[]> VALUE_OUT = Serdes.ByteArray().serializer();

    private MatchingTopologies() {
    }

    static void routine(Topology t, Matcher matcher, Duration refillInterval, Duration refillMaxInterval,
            FlowMetrics metrics, StreamsTracing tracing) {
        WaitlistIndex waitlist = new WaitlistIndex();
        globalTable(t, MatchingStores.ROSTER, Topics.CLINICIANS);
        globalTable(t, MatchingStores.WAITLIST, Topics.MATCHING_WAITLIST, waitlist);
        globalTable(t, MatchingStores.CASELOADS, Topics.MATCHING_CASELOADS);

        t.addSource("triaged", KEY_IN, VALUE_IN, Topics.INTAKE_TRIAGED);
        t.addProcessor("ingress", tracing.traced("matching ingress", TriagedIngress::new), "triaged");
        sink(t, TriagedIngress.TO_DESK, Topics.MATCHING_DESK, "ingress");
        deadLetterSink(t, TriagedIngress.TO_DLT, Topics.INTAKE_TRIAGED, "ingress", metrics);

        t.addSource("desk-inbox", KEY_IN, VALUE_IN, Topics.MATCHING_DESK);
        t.addProcessor("desk", tracing.traced("matching desk", () -> new DeskProcessor(new Desk(matcher), metrics)),
                "desk-inbox");
        t.addStateStore(changelogged(MatchingStores.INTAKE_CASES), "desk");
        sink(t, DeskProcessor.TO_LEDGER, Topics.MATCHING_LEDGER, "desk");
        sink(t, DeskProcessor.TO_MATCHED, Topics.INTAKE_MATCHED, "desk");
        sink(t, DeskProcessor.TO_WAITLISTED, Topics.INTAKE_WAITLISTED, "desk");
        sink(t, DeskProcessor.TO_WAITLIST, Topics.MATCHING_WAITLIST, "desk");
        deadLetterSink(t, DeskProcessor.TO_DLT, Topics.MATCHING_DESK, "desk", metrics);

        t.addSource("ledger-inbox", KEY_IN, VALUE_IN, Topics.MATCHING_LEDGER);
        t.addProcessor("ledger", tracing.traced("matching ledger",
                () -> new LedgerProcessor(new Ledger(matcher), waitlist, refillInterval, refillMaxInterval)), "ledger-inbox");
        t.addStateStore(changelogged(MatchingStores.LEDGERS), "ledger");
        sink(t, LedgerProcessor.TO_DESK, Topics.MATCHING_DESK, "ledger");
        sink(t, LedgerProcessor.TO_CASELOADS, Topics.MATCHING_CASELOADS, "ledger");
        deadLetterSink(t, LedgerProcessor.TO_DLT, Topics.MATCHING_LEDGER, "ledger", metrics);
    }

    static void urgent(Topology t, Matcher matcher, Duration recheckInterval, FlowMetrics metrics,
            ConcurrentMap<String, Integer> pendingByTask, StreamsTracing tracing) {
        globalTable(t, MatchingStores.ROSTER, Topics.CLINICIANS);
        globalTable(t, MatchingStores.CASELOADS, Topics.MATCHING_CASELOADS);

        t.addSource("urgent-inbox", KEY_IN, VALUE_IN, Topics.INTAKE_URGENT);
        t.addProcessor("urgent", tracing.traced("matching urgent",
                () -> new UrgentProcessor(matcher, recheckInterval, metrics, pendingByTask)), "urgent-inbox");
        t.addStateStore(changelogged(MatchingStores.URGENT_PENDING), "urgent");
        sink(t, UrgentProcessor.TO_MATCHED, Topics.INTAKE_MATCHED, "urgent");
        sink(t, UrgentProcessor.TO_ESCALATIONS, Topics.MATCHING_ESCALATIONS, "urgent");
        sink(t, UrgentProcessor.TO_LEDGER, Topics.MATCHING_LEDGER, "urgent");
        deadLetterSink(t, UrgentProcessor.TO_DLT, Topics.INTAKE_URGENT, "urgent", metrics);
    }

    /** RocksDB with a compacted changelog: restored on another instance or after a restart. */
    private static StoreBuilder<KeyValueStore<String, byte[]>> changelogged(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }

    /** A global store is restored from its own (compacted) topic, so it needs no changelog. */
    private static void globalTable(Topology t, String store, String topic) {
        globalTable(t, store, topic, null);
    }

    /** @param mirror kept equal to the store by its updater, or null */
    private static void globalTable(Topology t, String store, String topic, StoreMirror mirror) {
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                store + "-source", KEY_IN, VALUE_IN, topic, store + "-updater",
                () -> new GlobalTableUpdater(store, mirror));
    }

    /** {@code name} is the counter the processor forwards to; the sink behind it writes {@code <source>.dlt}. */
    private static void deadLetterSink(Topology t, String name, String sourceTopic, String parent,
            FlowMetrics metrics) {
        t.addProcessor(name, () -> new DeadLetterCounter(metrics, sourceTopic), parent);
        sink(t, name + "-sink", Topics.deadLetter(sourceTopic), name);
    }

    private static void sink(Topology t, String name, String topic, String parent) {
        t.addSink(name, topic, KEY_OUT, VALUE_OUT, parent);
    }
}
