package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.matching.domain.Desk;
import com.therapyplatform.matching.domain.Ledger;
import com.therapyplatform.matching.domain.Matcher;
import io.micrometer.core.instrument.Counter;
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

    static void routine(Topology t, Matcher matcher, Duration refillInterval) {
        globalTable(t, MatchingStores.ROSTER, Topics.CLINICIANS);
        globalTable(t, MatchingStores.WAITLIST, Topics.MATCHING_WAITLIST);
        globalTable(t, MatchingStores.CASELOADS, Topics.MATCHING_CASELOADS);

        t.addSource("triaged", KEY_IN, VALUE_IN, Topics.INTAKE_TRIAGED);
        t.addProcessor("ingress", TriagedIngress::new, "triaged");
        sink(t, TriagedIngress.TO_DESK, Topics.MATCHING_DESK, "ingress");
        sink(t, TriagedIngress.TO_DLT, Topics.deadLetter(Topics.INTAKE_TRIAGED), "ingress");

        t.addSource("desk-inbox", KEY_IN, VALUE_IN, Topics.MATCHING_DESK);
        t.addProcessor("desk", () -> new DeskProcessor(new Desk(matcher)), "desk-inbox");
        t.addStateStore(changelogged(MatchingStores.INTAKE_CASES), "desk");
        sink(t, DeskProcessor.TO_LEDGER, Topics.MATCHING_LEDGER, "desk");
        sink(t, DeskProcessor.TO_MATCHED, Topics.INTAKE_MATCHED, "desk");
        sink(t, DeskProcessor.TO_WAITLISTED, Topics.INTAKE_WAITLISTED, "desk");
        sink(t, DeskProcessor.TO_WAITLIST, Topics.MATCHING_WAITLIST, "desk");
        sink(t, DeskProcessor.TO_DLT, Topics.deadLetter(Topics.MATCHING_DESK), "desk");

        t.addSource("ledger-inbox", KEY_IN, VALUE_IN, Topics.MATCHING_LEDGER);
        t.addProcessor("ledger", () -> new LedgerProcessor(new Ledger(matcher), refillInterval), "ledger-inbox");
        t.addStateStore(changelogged(MatchingStores.LEDGERS), "ledger");
        sink(t, LedgerProcessor.TO_DESK, Topics.MATCHING_DESK, "ledger");
        sink(t, LedgerProcessor.TO_CASELOADS, Topics.MATCHING_CASELOADS, "ledger");
        sink(t, LedgerProcessor.TO_DLT, Topics.deadLetter(Topics.MATCHING_LEDGER), "ledger");
    }

    static void urgent(Topology t, Matcher matcher, Duration recheckInterval, Counter coverMissing,
            ConcurrentMap<String, Integer> pendingByTask) {
        globalTable(t, MatchingStores.ROSTER, Topics.CLINICIANS);
        globalTable(t, MatchingStores.CASELOADS, Topics.MATCHING_CASELOADS);

        t.addSource("urgent-inbox", KEY_IN, VALUE_IN, Topics.INTAKE_URGENT);
        t.addProcessor("urgent", () -> new UrgentProcessor(matcher, recheckInterval, coverMissing, pendingByTask),
                "urgent-inbox");
        t.addStateStore(changelogged(MatchingStores.URGENT_PENDING), "urgent");
        sink(t, UrgentProcessor.TO_MATCHED, Topics.INTAKE_MATCHED, "urgent");
        sink(t, UrgentProcessor.TO_ESCALATIONS, Topics.MATCHING_ESCALATIONS, "urgent");
        sink(t, UrgentProcessor.TO_LEDGER, Topics.MATCHING_LEDGER, "urgent");
        sink(t, UrgentProcessor.TO_DLT, Topics.deadLetter(Topics.INTAKE_URGENT), "urgent");
    }

    /** RocksDB with a compacted changelog: restored on another instance or after a restart. */
    private static StoreBuilder<KeyValueStore<String, byte[]>> changelogged(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }

    /** A global store is restored from its own (compacted) topic, so it needs no changelog. */
    private static void globalTable(Topology t, String store, String topic) {
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                store + "-source", KEY_IN, VALUE_IN, topic, store + "-updater", () -> new GlobalTableUpdater(store));
    }

    private static void sink(Topology t, String name, String topic, String parent) {
        t.addSink(name, topic, KEY_OUT, VALUE_OUT, parent);
    }
}
