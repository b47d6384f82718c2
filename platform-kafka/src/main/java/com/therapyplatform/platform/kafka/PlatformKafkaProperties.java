package com.therapyplatform.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics a service provisions on start-up, and the cluster-specific parts of their shape. On a
 * one-broker local stack replication is 1; on a production cluster set 3 and {@code
 * min-insync-replicas} 2, so an acknowledged intake survives the loss of a broker.
 */
@ConfigurationProperties("platform.kafka.topics")
public class PlatformKafkaProperties {

    /** Topic names (and {@code .dlt} names) this service needs to exist. */
    private List<String> provision = new ArrayList<>();

    private int partitions = 3;

    private short replicationFactor = 1;

    private int minInsyncReplicas = 1;

    public List<String> getProvision() {
        return provision;
    }

    public void setProvision(List<String> provision) {
        this.provision = provision;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public int getMinInsyncReplicas() {
        return minInsyncReplicas;
    }

    public void setMinInsyncReplicas(int minInsyncReplicas) {
        this.minInsyncReplicas = minInsyncReplicas;
    }
}
