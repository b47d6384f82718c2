package com.therapyplatform.triage.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.platform.kafka.BinderEventPublisher;
import com.therapyplatform.platform.kafka.EventPublisher;
import com.therapyplatform.testsupport.SampleEvents;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Urgent never waits, in triage: with 5,000 routine intakes queued on {@code intake.submitted.v1} and
 * every publish slowed to {@link #PER_EVENT} (a routine backlog of 20 s and more), an urgent intake sent
 * to {@code intake.submitted.urgent.v1} is flagged while most of the backlog is still untriaged. The
 * urgent intake's own publishes are slowed too: what it overtakes is the queue, not the work.
 *
 * <p>A JVM and broker of its own (Surefire execution {@code own-broker}): the backlog must not reach the
 * shared broker's other tests.
 */
@TriageServiceTest
@Import(UrgentIntakeOvertakesARoutineBacklogOnItsOwnBrokerTest.SlowPublishing.class)
class UrgentIntakeOvertakesARoutineBacklogOnItsOwnBrokerTest extends TriageBrokerTestBase {

    static final int BACKLOG = 5_000;
    static final Duration PER_EVENT = Duration.ofMillis(2);

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowPublishing {

        /** Every event waits {@link #PER_EVENT} before it is published, the urgent intake's too. */
        @Bean
        @Primary
        EventPublisher slowEventPublisher(StreamBridge streamBridge) {
            return new BinderEventPublisher(streamBridge) {
                @Override
                public <P> void publish(EventType<P> type, EventEnvelope<P> event) {
                    LockSupport.parkNanos(PER_EVENT.toNanos());
                    super.publish(type, event);
                }
            };
        }
    }

    @Test
    void anUrgentIntakeIsFlaggedWhileMostOfAFiveThousandIntakeRoutineBacklogIsStillUntriaged() {
        Set<String> routine = new HashSet<>();
        List<Map.Entry<String, byte[]>> backlog = new ArrayList<>(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            String id = SampleEvents.newIntakeId();
            routine.add(id);
            backlog.add(new AbstractMap.SimpleEntry<>(id, EventJson.write(SampleEvents.routineSubmitted(id))));
        }
        kafka.sendAll(Topics.INTAKE_SUBMITTED, backlog);
        // triage is busy with the backlog: its first poll's transaction has committed
        await().atMost(WAIT).until(() -> triagedRoutine(routine) > 0);

        String urgentId = SampleEvents.newIntakeId();
        kafka.send(Topics.INTAKE_SUBMITTED_URGENT, urgentId, EventJson.write(SampleEvents.urgentSubmitted(urgentId)));
        awaitOne(Topics.INTAKE_URGENT, urgentId);
        long triagedBeforeTheFlag = triagedRoutine(routine);

        assertThat(triagedBeforeTheFlag).as("routine intakes triaged when the urgent one was flagged")
                .isLessThan(BACKLOG / 2);
        System.out.printf("urgent intake flagged with %d of %d routine intakes triaged%n", triagedBeforeTheFlag,
                BACKLOG);
    }

    /** Routine intakes whose IntakeTriaged is committed (read_committed) now. */
    private static long triagedRoutine(Set<String> routine) {
        return kafka.readAll(Topics.INTAKE_TRIAGED, r -> routine.contains(r.key()), WAIT).size();
    }
}
