package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Tables;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.domain.Desk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Names of the state stores, and read views of the global ones for the pure domain. */
public final class MatchingStores {

    /** Global: clinicians.v1, the roster. */
    public static final String ROSTER = "roster";
    /** Global: matching.waitlist.v1, in order of arrival; the ledgers read it through its {@link WaitlistIndex}. */
    public static final String WAITLIST = "waitlist";
    /** Global: matching.caseloads.v1. */
    public static final String CASELOADS = "caseloads";
    /** Local, changelogged: one IntakeCase per routine intake. */
    public static final String INTAKE_CASES = "intake-cases";
    /** Local, changelogged: one CapacityLedger per clinician. */
    public static final String LEDGERS = "clinician-ledgers";
    /** Local, changelogged: urgent intakes waiting for on-call cover, in order of arrival. */
    public static final String URGENT_PENDING = "urgent-pending";

    private MatchingStores() {
    }

    /** Caseload counts per clinician as the ledgers last published them. */
    public record Caseload(int assigned, int held, int onCall) {

        public int routineLoad() {
            return assigned + held;
        }
    }

    /**
     * The roster as the pure domain reads it. Every routine intake reads all of it, so each profile is decoded
     * once per version of its bytes, not per read. Not thread-safe: one per processor (task thread) or request.
     */
    static Desk.Roster roster(ReadOnlyKeyValueStore<String, byte[]> store) {
        Decoded<ClinicianProfile> profiles = new Decoded<>(MatchingStores::decode);
        return new Desk.Roster() {
            @Override
            public Collection<ClinicianProfile> all() {
                List<ClinicianProfile> all = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> it = store.all()) {
                    it.forEachRemaining(kv -> {
                        ClinicianProfile profile = profiles.get(kv.key, kv.value);
                        if (profile != null) {
                            all.add(profile);
                        }
                    });
                }
                return all;
            }

            @Override
            public ClinicianProfile find(String clinicianId) {
                return profiles.get(clinicianId, store.get(clinicianId));
            }
        };
    }

    /**
     * Caseloads by clinician, decoded once per version of their bytes (the desk reads every clinician's for
     * every routine intake). Not thread-safe: one per processor.
     */
    static Function<String, Caseload> caseloads(ReadOnlyKeyValueStore<String, byte[]> store) {
        Decoded<Caseload> caseloads = new Decoded<>(raw -> InternalJson.read(raw, Caseload.class));
        return clinicianId -> orEmpty(caseloads.get(clinicianId, store.get(clinicianId)));
    }

    /**
     * The decoded form of a store's values, by key, kept while the key's bytes stay the same. Comparing the
     * bytes costs a fraction of decoding them again, and a global store's value changes only when its topic does.
     */
    static final class Decoded<T> {

        private record Entry<T>(byte[] raw, T value) {
        }

        private final Map<String, Entry<T>> cache = lruCache(10_000);
        private final Function<byte[], T> decode;

        Decoded(Function<byte[], T> decode) {
            this.decode = decode;
        }

        /** Null for null bytes (no such key). */
        T get(String key, byte[] raw) {
            if (raw == null) {
                cache.remove(key);
                return null;
            }
            Entry<T> entry = cache.get(key);
            if (entry == null || !Arrays.equals(entry.raw(), raw)) {
                entry = new Entry<>(raw, decode.apply(raw));
                cache.put(key, entry);
            }
            return entry.value();
        }
    }

    /** A value nobody can read counts as no clinician: matching goes on without them. */
    static ClinicianProfile decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.readValue(value, Tables.CLINICIAN_PROFILE);
        } catch (EventDecodingException e) {
            return null;
        }
    }

    static Caseload caseload(ReadOnlyKeyValueStore<String, byte[]> caseloads, String clinicianId) {
        return orEmpty(InternalJson.read(caseloads.get(clinicianId), Caseload.class));
    }

    /** A clinician without a published caseload has none. */
    private static Caseload orEmpty(Caseload caseload) {
        return caseload == null ? new Caseload(0, 0, 0) : caseload;
    }

    /** A small LRU cache. */
    static <K, V> Map<K, V> lruCache(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }
}
