package com.therapyplatform.contracts;

import java.time.Duration;

/**
 * The shape of a topic that belongs to the contract: its name, whether it is compacted (a table of
 * latest values per key) and how long it keeps records. Partitions, replication and
 * {@code min.insync.replicas} are the cluster's business and are configured per deployment.
 */
public record TopicSpec(String name, boolean compacted, Duration retention) {

    public static TopicSpec stream(String name, Duration retention) {
        return new TopicSpec(name, false, retention);
    }

    public static TopicSpec table(String name) {
        return new TopicSpec(name, true, null);
    }

    /**
     * A table whose records also expire: compacted to the latest value per key, and deleted once older
     * than {@code retention} ({@code cleanup.policy=compact,delete}).
     */
    public static TopicSpec expiringTable(String name, Duration retention) {
        return new TopicSpec(name, true, retention);
    }

    /** The dead-letter topic beside this one: kept long, so a fix can replay what landed there. */
    public TopicSpec deadLetter() {
        return new TopicSpec(Topics.deadLetter(name), false, Duration.ofDays(28));
    }
}
