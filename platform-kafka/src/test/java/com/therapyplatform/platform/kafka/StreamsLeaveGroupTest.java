package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.therapyplatform.testsupport.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.mock.env.MockEnvironment;

/**
 * On the test broker: two instances of one Kafka Streams application, with static membership as the
 * stack runs them. The session timeout is set far above the wait, so only a member that leaves can hand
 * its tasks over in time; one that does not would hold them for the whole 45 s.
 */
class StreamsLeaveGroupTest {

    private static final Duration SESSION = Duration.ofSeconds(45);
    private static final Duration WITHIN = Duration.ofSeconds(25);

    @TempDir
    Path stateDir;

    private final List<StreamsBuilderFactoryBean> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(StreamsBuilderFactoryBean::stop);
    }

    @Test
    void anInstanceThatShutsDownHandsItsTasksToTheOtherAtOnceInsteadOfAfterItsSession() throws Exception {
        String topic = "leave-group-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaTestBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String application = "leave-group-test-" + UUID.randomUUID();
        StreamsBuilderFactoryBean first = instance(application, topic, "member-1");
        StreamsBuilderFactoryBean second = instance(application, topic, "member-2");
        await().atMost(Duration.ofSeconds(60)).until(() -> !tasksOf(first).isEmpty() && !tasksOf(second).isEmpty()
                && tasksOf(first).size() + tasksOf(second).size() == 3);

        first.stop();

        await().atMost(WITHIN).until(() -> tasksOf(second).size() == 3);
        assertThat(tasksOf(second)).extracting(TaskId::partition).containsExactlyInAnyOrder(0, 1, 2);
    }

    private StreamsBuilderFactoryBean instance(String application, String topic, String instanceId) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("application.id", application);
        config.put("bootstrap.servers", KafkaTestBroker.bootstrapServers());
        config.put("state.dir", Files.createDirectories(stateDir.resolve(instanceId)).toString());
        config.put("session.timeout.ms", (int) SESSION.toMillis());
        config.put("processing.guarantee", "exactly_once_v2");
        config.put("default.key.serde", Serdes.ByteArraySerde.class);
        config.put("default.value.serde", Serdes.ByteArraySerde.class);
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        new StaticMembership(new MockEnvironment().withProperty("INSTANCE_ID", instanceId))
                .postProcessBeforeInitialization(factory, instanceId);
        factory.afterPropertiesSet();
        StreamsBuilder builder = factory.getObject();
        builder.stream(topic).foreach((key, value) -> { });
        factory.afterSingletonsInstantiated(); // builds the topology, as the application context would
        factory.start();
        started.add(factory);
        return factory;
    }

    private static Set<TaskId> tasksOf(StreamsBuilderFactoryBean factory) {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return Set.of();
        }
        return streams.metadataForLocalThreads().stream().flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId()).collect(Collectors.toSet());
    }
}
