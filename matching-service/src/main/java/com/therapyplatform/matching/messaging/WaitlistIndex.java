package com.therapyplatform.matching.messaging;

import com.therapyplatform.matching.domain.Ledger;
import com.therapyplatform.matching.domain.Matcher;
import com.therapyplatform.matching.domain.WaitingIntake;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waitlist for the ledgers' walks: the global store's entries, decoded once and grouped by fit, each
 * group in order of arrival. A walk merges only the groups its clinician may take. Reading the store
 * instead decoded every waiting intake on every walk of a clinician who fits none of them, which is the
 * usual clinician with room (one who fits someone gets an offer): with tens of thousands waiting that was
 * 71 % of the routine stream thread at 200 intakes/s.
 *
 * <p>The global thread keeps it equal to the store ({@link StoreMirror}); the stream threads read it while it
 * changes, which is the same lag as reading the global store itself.
 */
final class WaitlistIndex implements Ledger.Waitlist, StoreMirror {

    private static final Logger log = LoggerFactory.getLogger(WaitlistIndex.class);
    private static final int MAX_INTERNED = 10_000;

    private record Head(Map.Entry<String, WaitingIntake> entry, Iterator<Map.Entry<String, WaitingIntake>> rest) {
    }

    /** Replaced whole on reload, so a walk never sees half of one. */
    private volatile Map<Matcher.Fit, ConcurrentNavigableMap<String, WaitingIntake>> byFit = new ConcurrentHashMap<>();
    /** Waiting intakes mostly share their routing and categories: one copy each (global thread only). */
    private final Map<Object, Object> interned = new HashMap<>();

    @Override
    public void reload(Iterator<KeyValue<String, byte[]>> entries) {
        interned.clear();
        Map<Matcher.Fit, ConcurrentNavigableMap<String, WaitingIntake>> fresh = new ConcurrentHashMap<>();
        entries.forEachRemaining(entry -> add(fresh, entry.key, entry.value));
        byFit = fresh;
    }

    @Override
    public void put(String key, byte[] value) {
        delete(key);
        add(byFit, key, value);
    }

    @Override
    public void delete(String key) {
        for (var group : byFit.entrySet()) {
            if (group.getValue().remove(key) != null) {
                if (group.getValue().isEmpty()) {
                    byFit.remove(group.getKey()); // only this thread adds, so nothing can have joined it
                }
                return;
            }
        }
    }

    @Override
    public void inOrderOfArrival(Predicate<Matcher.Fit> mayTake, Predicate<WaitingIntake> visitWhileTrue) {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head head) -> head.entry().getKey()));
        byFit.forEach((fit, group) -> {
            if (mayTake.test(fit)) {
                next(heads, group.entrySet().iterator());
            }
        });
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            if (!visitWhileTrue.test(head.entry().getValue())) {
                return;
            }
            next(heads, head.rest());
        }
    }

    @Override
    public boolean contains(String arrivalKey) {
        for (var group : byFit.values()) {
            if (group.containsKey(arrivalKey)) {
                return true;
            }
        }
        return false;
    }

    private static void next(PriorityQueue<Head> heads, Iterator<Map.Entry<String, WaitingIntake>> rest) {
        if (rest.hasNext()) {
            heads.add(new Head(rest.next(), rest));
        }
    }

    private void add(Map<Matcher.Fit, ConcurrentNavigableMap<String, WaitingIntake>> into, String key, byte[] value) {
        WaitingIntake waiting;
        try {
            waiting = InternalJson.read(value, WaitingIntake.class);
        } catch (PoisonRecordException e) {
            // the desk wrote it; a record nobody can read cannot be offered anything, so it is left out
            log.warn("Waitlist entry {} cannot be read: it is left out of the ledgers' walks", key);
            return;
        }
        if (waiting == null) {
            return;
        }
        if (interned.size() > MAX_INTERNED) {
            interned.clear();
        }
        WaitingIntake shared = new WaitingIntake(waiting.intakeId(), waiting.submittedAt(),
                intern(waiting.routing()), intern(waiting.categories()));
        into.computeIfAbsent(shared.fit(), fit -> new ConcurrentSkipListMap<>()).put(key, shared);
    }

    @SuppressWarnings("unchecked")
    private <T> T intern(T value) {
        return value == null ? null : (T) interned.computeIfAbsent(value, v -> v);
    }
}
