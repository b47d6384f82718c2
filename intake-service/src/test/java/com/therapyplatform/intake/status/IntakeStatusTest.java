package com.therapyplatform.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.intake.status.IntakeStatus.Phase;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class IntakeStatusTest {

    private static final List<UnaryOperator<IntakeStatus>> EVENTS = List.of(IntakeStatus::triaged,
            IntakeStatus::flaggedUrgent, IntakeStatus::waitlisted, s -> s.matched("Dr. Ada Example", "PhD, LP"),
            s -> s.withTokenHash("hash"));

    @Test
    void everyOrderOfTheEventsEndsInTheSameStatus() {
        Set<IntakeStatus> outcomes = new HashSet<>();
        permute(List.of(0, 1, 2, 3, 4), List.of(), order -> {
            IntakeStatus status = IntakeStatus.NONE;
            for (int i : order) {
                status = EVENTS.get(i).apply(status);
            }
            outcomes.add(status);
        });

        assertThat(outcomes).containsExactly(new IntakeStatus("hash", Phase.MATCHED, true, "Dr. Ada Example",
                "PhD, LP"));
    }

    @Test
    void aLateTriageDoesNotMoveAWaitlistedIntakeBack() {
        assertThat(IntakeStatus.NONE.waitlisted().triaged().phase()).isEqualTo(Phase.WAITLISTED);
        assertThat(IntakeStatus.NONE.waitlisted().matched("A", "LCSW").phase()).isEqualTo(Phase.MATCHED);
    }

    @Test
    void statusIsVisibleOnlyWithTheTokenWhoseHashItHolds() {
        String token = StatusTokens.newToken();
        IntakeStatus status = IntakeStatus.NONE.withTokenHash(StatusTokens.hash(token));

        assertThat(status.visibleWith(token)).isTrue();
        assertThat(status.visibleWith(StatusTokens.newToken())).isFalse();
        assertThat(status.visibleWith(null)).isFalse();
        assertThat(status.visibleWith("")).isFalse();
        assertThat(IntakeStatus.NONE.visibleWith(token)).as("no token hash known yet").isFalse();
    }

    @Test
    void tokensAre32RandomBytesInBase64UrlAndOnlyTheirHashIsKept() {
        String token = StatusTokens.newToken();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(StatusTokens.hash(token)).isNotEqualTo(token).hasSize(43);
        assertThat(new HashSet<>(List.of(token, StatusTokens.newToken(), StatusTokens.newToken()))).hasSize(3);
    }

    private static void permute(List<Integer> left, List<Integer> prefix, java.util.function.Consumer<List<Integer>> out) {
        if (left.isEmpty()) {
            out.accept(prefix);
        }
        for (Integer next : left) {
            List<Integer> rest = new java.util.ArrayList<>(left);
            rest.remove(next);
            List<Integer> longer = new java.util.ArrayList<>(prefix);
            longer.add(next);
            permute(rest, longer, out);
        }
    }
}
