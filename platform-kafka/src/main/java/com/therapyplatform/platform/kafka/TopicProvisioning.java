package com.therapyplatform.platform.kafka;

import com.therapyplatform.contracts.TopicSpec;
import com.therapyplatform.contracts.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Turns the contract's topic shapes into topics on this cluster. */
final class TopicProvisioning {

    private static final String DLT_SUFFIX = ".dlt";

    private TopicProvisioning() {
    }

    /**
     * What a service provisions: its list, plus the replay record topic wherever there are dead
     * letters to replay.
     */
    static List<String> provisioned(PlatformKafkaProperties properties) {
        List<String> names = new ArrayList<>(properties.getProvision());
        if (names.stream().anyMatch(name -> name.endsWith(DLT_SUFFIX)) && !names.contains(Topics.OPS_DLT_REPLAYS)) {
            names.add(Topics.OPS_DLT_REPLAYS);
        }
        return names;
    }

    static NewTopic newTopic(String name, PlatformKafkaProperties cluster) {
        TopicSpec spec = name.endsWith(DLT_SUFFIX)
                ? Topics.spec(name.substring(0, name.length() - DLT_SUFFIX.length())).deadLetter()
                : Topics.spec(name);
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(cluster.getMinInsyncReplicas()));
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, !spec.compacted() ? TopicConfig.CLEANUP_POLICY_DELETE
                : spec.retention() == null ? TopicConfig.CLEANUP_POLICY_COMPACT
                : TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE);
        if (spec.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        if (spec.compacted() && spec.retention() != null) {
            // only closed segments are deleted: roll them as often, so records go within twice the retention
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return new NewTopic(spec.name(), cluster.getPartitions(), cluster.getReplicationFactor()).configs(configs);
    }
}
