package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.platform.kafka.StartedStreams;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Read access to the routine application's global stores (every instance has all of them). */
public class MatchingStreams {

    private final StartedStreams routine;
    private final StartedStreams urgent;

    /** Before the factories start: their streams are learnt from their listeners, not their lifecycle lock. */
    public MatchingStreams(StreamsBuilderFactoryBean routine, StreamsBuilderFactoryBean urgent) {
        this.routine = StartedStreams.of(routine);
        this.urgent = StartedStreams.of(urgent);
    }

    public boolean running() {
        return running(routine) && running(urgent);
    }

    private static boolean running(StartedStreams streams) {
        return streams.running() != null;
    }

    public List<ClinicianProfile> clinicians() {
        List<ClinicianProfile> all = new ArrayList<>(MatchingStores.roster(store(MatchingStores.ROSTER)).all());
        all.sort(Comparator.comparing(ClinicianProfile::id));
        return all;
    }

    public Optional<ClinicianProfile> clinician(String id) {
        return Optional.ofNullable(MatchingStores.roster(store(MatchingStores.ROSTER)).find(id));
    }

    public MatchingStores.Caseload caseload(String clinicianId) {
        return MatchingStores.caseload(store(MatchingStores.CASELOADS), clinicianId);
    }

    public long rosterSize() {
        long count = 0;
        try (KeyValueIterator<String, byte[]> it = store(MatchingStores.ROSTER).all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        KafkaStreams streams = routine.running();
        if (streams == null) {
            throw new TransientFailure("MATCHING_STREAMS_NOT_RUNNING");
        }
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}
