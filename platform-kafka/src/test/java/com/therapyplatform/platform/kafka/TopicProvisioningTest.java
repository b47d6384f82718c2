package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.Topics;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisioningTest {

    private static PlatformKafkaProperties cluster(int partitions, short replication, int minInsync) {
        PlatformKafkaProperties properties = new PlatformKafkaProperties();
        properties.setPartitions(partitions);
        properties.setReplicationFactor(replication);
        properties.setMinInsyncReplicas(minInsync);
        return properties;
    }

    @Test
    void clusterShapeComesFromConfiguration() {
        var topic = TopicProvisioning.newTopic(Topics.INTAKE_SUBMITTED, cluster(6, (short) 3, 2));

        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    }

    @Test
    void rosterIsCompactedAndKeptWithoutRetention() {
        var topic = TopicProvisioning.newTopic(Topics.CLINICIANS, cluster(3, (short) 1, 1));

        assertThat(topic.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void idempotencyKeysAreCompactedAndExpireAfterTheWindow() {
        var topic = TopicProvisioning.newTopic(Topics.INTAKE_IDEMPOTENCY_KEYS, cluster(3, (short) 1, 1));

        String day = Long.toString(24L * 3600 * 1000);
        assertThat(topic.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, day)
                .containsEntry(TopicConfig.SEGMENT_MS_CONFIG, day);
    }

    @Test
    void deadLetterTopicIsKeptFourWeeksForReplay() {
        var topic = TopicProvisioning.newTopic(Topics.deadLetter(Topics.INTAKE_SUBMITTED), cluster(3, (short) 1, 1));

        assertThat(topic.name()).isEqualTo("intake.submitted.v1.dlt");
        assertThat(topic.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(28L * 24 * 3600 * 1000));
    }

    @Test
    void aServiceWithDeadLettersAlsoProvisionsTheCompactedReplayRecordsAndOneWithoutDoesNot() {
        PlatformKafkaProperties consumer = cluster(3, (short) 1, 1);
        consumer.setProvision(List.of(Topics.INTAKE_TRIAGED, Topics.deadLetter(Topics.INTAKE_TRIAGED)));
        PlatformKafkaProperties producerOnly = cluster(3, (short) 1, 1);
        producerOnly.setProvision(List.of(Topics.INTAKE_SUBMITTED));

        assertThat(TopicProvisioning.provisioned(consumer)).endsWith(Topics.OPS_DLT_REPLAYS);
        assertThat(TopicProvisioning.provisioned(producerOnly)).containsExactly(Topics.INTAKE_SUBMITTED);
        assertThat(TopicProvisioning.newTopic(Topics.OPS_DLT_REPLAYS, consumer).configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    @Test
    void aTopicOutsideTheContractIsRefused() {
        assertThatThrownBy(() -> TopicProvisioning.newTopic("intake.submited.v1", cluster(3, (short) 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
