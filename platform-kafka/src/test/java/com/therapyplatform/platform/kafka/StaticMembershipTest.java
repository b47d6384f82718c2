package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.mock.env.MockEnvironment;

class StaticMembershipTest {

    private static final String MAIN_CONSUMER_INSTANCE_ID = "main.consumer.group.instance.id";

    private static StreamsBuilderFactoryBean application(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("application.id", "matching-service-urgent",
                "bootstrap.servers", "localhost:1"));
        config.putAll(extra);
        return new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
    }

    private static StreamsBuilderFactoryBean processed(MockEnvironment environment, StreamsBuilderFactoryBean factory) {
        return (StreamsBuilderFactoryBean) new StaticMembership(environment)
                .postProcessBeforeInitialization(factory, "urgentStreams");
    }

    @Test
    void eachInstanceJoinsUnderItsOwnInstanceIdOnlyOnTheMainConsumers() {
        var first = processed(new MockEnvironment().withProperty("INSTANCE_ID", "matching-1"), application(Map.of()));
        var second = processed(new MockEnvironment().withProperty("INSTANCE_ID", "matching-2"), application(Map.of()));

        assertThat(first.getStreamsConfiguration()).containsEntry(MAIN_CONSUMER_INSTANCE_ID, "matching-1")
                .doesNotContainKey("group.instance.id");
        assertThat(second.getStreamsConfiguration()).containsEntry(MAIN_CONSUMER_INSTANCE_ID, "matching-2");
    }

    @Test
    void withoutAnInstanceIdMembershipStaysDynamic() {
        var factory = processed(new MockEnvironment(), application(Map.of()));

        assertThat(factory.getStreamsConfiguration()).doesNotContainKeys(MAIN_CONSUMER_INSTANCE_ID, "group.instance.id");
    }

    @Test
    void canBeTurnedOffAndNeverOverridesAnExplicitId() {
        var off = processed(new MockEnvironment().withProperty("INSTANCE_ID", "a")
                .withProperty("platform.kafka.streams.static-membership", "false"), application(Map.of()));
        var explicit = processed(new MockEnvironment().withProperty("INSTANCE_ID", "a"),
                application(Map.of("group.instance.id", "chosen")));

        assertThat(off.getStreamsConfiguration()).doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID);
        assertThat(explicit.getStreamsConfiguration()).containsEntry("group.instance.id", "chosen")
                .doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID);
    }

    @Test
    void everyApplicationLeavesItsGroupWhenItStopsUnlessTurnedOff() {
        var dynamic = processed(new MockEnvironment(), application(Map.of()));
        var off = processed(new MockEnvironment().withProperty("platform.kafka.streams.leave-group-on-close", "false"),
                application(Map.of()));

        assertThat(ReflectionTestUtils.getField(dynamic, "leaveGroupOnClose")).isEqualTo(true);
        assertThat(ReflectionTestUtils.getField(off, "leaveGroupOnClose")).isEqualTo(false);
    }
}
