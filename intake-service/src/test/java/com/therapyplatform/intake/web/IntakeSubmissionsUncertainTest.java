package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.intake.idempotency.AcceptedSubmission;
import com.therapyplatform.intake.idempotency.IdempotencyKey;
import com.therapyplatform.intake.messaging.IdempotencyStreams.AcceptedSubmissions;
import com.therapyplatform.intake.messaging.IntakePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;

/**
 * A 503 whose commit may still complete must not let a retry under the same Idempotency-Key publish a
 * second intake (the fault suite saw such duplicates, with texts sent twice to one person): the retry
 * waits for the first attempt's outcome, and is answered from it.
 */
class IntakeSubmissionsUncertainTest {

    private final IntakePublisher publisher = mock(IntakePublisher.class);
    private final Map<String, AcceptedSubmission> table = new ConcurrentHashMap<>();
    private final AcceptedSubmissions stored = recordKey -> Optional.ofNullable(table.get(recordKey));
    private final IntakeSubmissions submissions = new IntakeSubmissions(publisher, stored);
    private final IdempotencyKey key = IdempotencyKey.parse("retry-after-unknown-outcome-0001");

    private static IntakeRequest routine() throws Exception {
        return EventJson.mapper().readValue(Files.readString(Path.of("..", "docs", "examples", "intake-routine.json")),
                IntakeRequest.class);
    }

    /** The first attempt's transaction, still deciding; and what the publisher was given for it. */
    private final CompletableFuture<Void> resolution = new CompletableFuture<>();
    private final AcceptedSubmission[] firstAttempt = new AcceptedSubmission[1];

    private void firstAttemptOutcomeUnknown() {
        doThrow(new IntakePublisher.OutcomeUnknown("transaction not acknowledged in time", null, resolution))
                .doNothing().when(publisher).publish(any(), any(), anyString(), anyString(),
                        org.mockito.ArgumentMatchers.argThat(accepted -> {
                            if (firstAttempt[0] == null) {
                                firstAttempt[0] = accepted;
                            }
                            return true;
                        }));
    }

    /** The first attempt is taken into a transaction whose outcome it does not learn in time: 503. */
    private void firstAttemptAnsweredOutcomeUnknown(IntakeRequest request) {
        firstAttemptOutcomeUnknown();
        assertThatThrownBy(() -> submissions.submit(request, Optional.of(key)))
                .isInstanceOf(IntakePublisher.OutcomeUnknown.class);
    }

    @Test
    void aRetryWhileTheFirstAttemptsOutcomeIsUnknownIsAnswered503AgainAndPublishesNothing() throws Exception {
        IntakeRequest request = routine();
        firstAttemptAnsweredOutcomeUnknown(request);
        assertThatThrownBy(() -> submissions.submit(request, Optional.of(key)))
                .isInstanceOf(IntakePublisher.OutcomeUnknown.class).hasMessageContaining("unresolved");

        verify(publisher, times(1)).publish(any(), any(), anyString(), anyString(), any());
    }

    @Test
    void aRetryAfterTheUnknownAttemptCommittedGetsTheOriginalAnswerEvenBeforeTheTableHasIt() throws Exception {
        IntakeRequest request = routine();
        firstAttemptAnsweredOutcomeUnknown(request);

        resolution.complete(null); // the publisher learned that the commit went through
        var answer = submissions.submit(request, Optional.of(key));

        assertThat(answer.replayed()).isTrue();
        assertThat(answer.accepted().intakeId()).isEqualTo(firstAttempt[0].intakeId());
        assertThat(answer.accepted().statusToken()).isNotBlank();
        verify(publisher, times(1)).publish(any(), any(), anyString(), anyString(), any());
    }

    @Test
    void aRetryAfterTheUnknownAttemptTurnsOutNotCommittedIsPublished() throws Exception {
        IntakeRequest request = routine();
        firstAttemptAnsweredOutcomeUnknown(request);

        resolution.completeExceptionally(new KafkaException("not committed"));
        var answer = submissions.submit(request, Optional.of(key));

        assertThat(answer.replayed()).isFalse();
        assertThat(answer.accepted().intakeId()).isNotEqualTo(firstAttempt[0].intakeId());
        verify(publisher, times(2)).publish(any(), any(), anyString(), anyString(), any());
    }

    @Test
    void aRetryAfterTheUnknownAttemptTurnsUpInTheTableGetsTheOriginalAnswer() throws Exception {
        IntakeRequest request = routine();
        firstAttemptAnsweredOutcomeUnknown(request);

        table.put(key.recordKey(), firstAttempt[0]); // read back by the global table
        var answer = submissions.submit(request, Optional.of(key));

        assertThat(answer.replayed()).isTrue();
        assertThat(answer.accepted().intakeId()).isEqualTo(firstAttempt[0].intakeId());
    }

    @Test
    void aRetryAfterAnAttemptThatCertainlyFailedIsPublishedAtOnce() throws Exception {
        IntakeRequest request = routine();
        doThrow(new KafkaException("not taken into a transaction in time")).doNothing().when(publisher)
                .publish(any(), any(), anyString(), anyString(), any());

        assertThatThrownBy(() -> submissions.submit(request, Optional.of(key))).isInstanceOf(KafkaException.class);
        var answer = submissions.submit(request, Optional.of(key));

        assertThat(answer.replayed()).isFalse();
        verify(publisher, times(2)).publish(any(), any(), anyString(), anyString(), any());
    }
}
