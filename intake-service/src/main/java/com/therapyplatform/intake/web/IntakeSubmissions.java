package com.therapyplatform.intake.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.intake.idempotency.AcceptedSubmission;
import com.therapyplatform.intake.idempotency.IdempotencyKey;
import com.therapyplatform.intake.messaging.IdempotencyStreams.AcceptedSubmissions;
import com.therapyplatform.intake.messaging.IntakePublisher;
import com.therapyplatform.intake.status.StatusTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a valid submission into a published intake, once per idempotency key within
 * {@link Topics#IDEMPOTENCY_WINDOW}.
 *
 * <p>Submissions under one key are serialized on this instance (a lock stripe per key hash), so a
 * duplicate in flight waits for the first and is then answered from it. The key's record is written
 * in the intake's own transaction; until the global table has read it back, this instance remembers
 * its own acceptances. Across instances the global table answers once it has read the record
 * (normally well under a second); two duplicates in flight on two instances at the same moment can
 * both be published (see README "API").
 */
@Component
class IntakeSubmissions {

    private static final int STRIPES = 1024;
    static final Duration UNCERTAIN_HOLD = Duration.ofMinutes(10);
    /** Same shape, same bytes: what the fingerprint is taken of. */
    private static final JsonMapper CANONICAL = com.therapyplatform.contracts.EventJson.mapper().rebuild()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final IntakePublisher publisher;
    private final AcceptedSubmissions stored;
    private final Clock clock = Clock.systemUTC();
    private final Duration window = Topics.IDEMPOTENCY_WINDOW;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Cache<String, AcceptedSubmission> acceptedHere = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();
    /**
     * Keys whose attempt was answered while its transaction's outcome was unknown (the request stopped
     * waiting, or the commit was not confirmed). The publisher goes on until the transaction is known to
     * have committed or not; until then a retry under the key is answered 503 again instead of
     * publishing a second intake. If the outcome never becomes known (brokers away for minutes), the key
     * stays held for {@link #UNCERTAIN_HOLD}.
     */
    private final Cache<String, Unresolved> uncertain = Caffeine.newBuilder()
            .expireAfterWrite(UNCERTAIN_HOLD).maximumSize(100_000).build();

    private record Unresolved(AcceptedSubmission accepted, Optional<CompletableFuture<Void>> resolution) {
    }

    IntakeSubmissions(IntakePublisher publisher, AcceptedSubmissions stored) {
        this.publisher = publisher;
        this.stored = stored;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The 202 body, and whether it is a replay of an earlier acceptance. */
    record Answer(IntakeAccepted accepted, boolean replayed) {
    }

    /** The request differs from the one first submitted under its key. */
    static final class KeyReusedException extends RuntimeException {
        KeyReusedException() {
            super("idempotency key reused for another request", null, false, false);
        }
    }

    Answer submit(IntakeRequest request, Optional<IdempotencyKey> key) {
        if (key.isEmpty()) {
            return new Answer(publish(request, null), false);
        }
        IdempotencyKey idempotencyKey = key.get();
        String recordKey = idempotencyKey.recordKey();
        String fingerprint = idempotencyKey.fingerprint(CANONICAL.writeValueAsBytes(request));
        ReentrantLock lock = locks[Math.floorMod(recordKey.hashCode(), STRIPES)];
        lock.lock();
        try {
            Optional<AcceptedSubmission> earlier = Optional.ofNullable(acceptedHere.getIfPresent(recordKey))
                    .or(() -> stored.find(recordKey))
                    .filter(submission -> submission.within(window, clock.instant()));
            if (earlier.isPresent()) {
                if (!earlier.get().requestFingerprint().equals(fingerprint)) {
                    throw new KeyReusedException();
                }
                return new Answer(replay(earlier.get(), idempotencyKey), true);
            }
            Unresolved unresolved = uncertain.getIfPresent(recordKey);
            if (unresolved != null) {
                if (!unresolved.accepted().requestFingerprint().equals(fingerprint)) {
                    throw new KeyReusedException();
                }
                if (committed(unresolved)) {
                    uncertain.invalidate(recordKey);
                    acceptedHere.put(recordKey, unresolved.accepted());
                    return new Answer(replay(unresolved.accepted(), idempotencyKey), true);
                }
                uncertain.invalidate(recordKey); // certainly not committed: publish anew below
            }
            Keyed keyed = new Keyed(idempotencyKey, recordKey, fingerprint);
            return new Answer(publish(request, keyed), false);
        } finally {
            lock.unlock();
        }
    }

    private record Keyed(IdempotencyKey key, String recordKey, String fingerprint) {
    }

    private IntakeAccepted publish(IntakeRequest request, Keyed keyed) {
        String intakeId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        var about = request.about();
        var preferences = request.preferences();
        EventEnvelope<IntakeSubmitted> submitted = EventEnvelope.first(Events.INTAKE_SUBMITTED, intakeId, now,
                new IntakeSubmitted(request.questionnaire().id(), request.questionnaire().version(),
                        new RoutingProfile(about.state(), about.language(), preferences.modality(),
                                preferences.clinicianGender(), preferences.availability()),
                        about.sex(), request.concerns() == null ? List.of() : request.concerns(), request.answers(),
                        request.freeText()));
        var contact = request.contact();
        EventEnvelope<IntakeContactProvided> contactProvided = EventEnvelope.sibling(submitted,
                Events.INTAKE_CONTACT_PROVIDED, new IntakeContactProvided(contact.name(), contact.email(),
                        contact.mobile(), contact.consent().email(), contact.consent().sms(),
                        contact.safeToLeaveMessages(), about.language()));
        String statusToken = StatusTokens.newToken();
        if (keyed == null) {
            publisher.publish(submitted, contactProvided, StatusTokens.hash(statusToken));
        } else {
            AcceptedSubmission accepted = new AcceptedSubmission(intakeId, keyed.fingerprint(),
                    keyed.key().seal(statusToken, intakeId), now);
            try {
                publisher.publish(submitted, contactProvided, StatusTokens.hash(statusToken), keyed.recordKey(),
                        accepted);
            } catch (IntakePublisher.OutcomeUnknown e) {
                uncertain.put(keyed.recordKey(), new Unresolved(accepted, e.resolution()));
                throw e;
            }
            acceptedHere.put(keyed.recordKey(), accepted);
        }
        return IntakeAccepted.received(intakeId, statusToken);
    }

    /**
     * True if the earlier attempt committed; false if it certainly did not; throws {@code OutcomeUnknown}
     * (answered 503) while that is not known.
     */
    private static boolean committed(Unresolved unresolved) {
        CompletableFuture<Void> resolution = unresolved.resolution().orElse(null);
        if (resolution == null || !resolution.isDone()) {
            throw new IntakePublisher.OutcomeUnknown("an earlier attempt under this key is unresolved", null,
                    resolution);
        }
        try {
            resolution.join();
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IntakePublisher.OutcomeUnknown unknown) {
                throw unknown; // the brokers never confirmed either way: keep holding the key
            }
            return false;
        }
    }

    /** The original answer; without a token only if it was sealed under another key (cannot happen for a key match). */
    private static IntakeAccepted replay(AcceptedSubmission earlier, IdempotencyKey key) {
        return IntakeAccepted.received(earlier.intakeId(), key.open(earlier.sealedStatusToken(), earlier.intakeId())
                .orElse(null));
    }
}
