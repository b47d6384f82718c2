package com.therapyplatform.platform.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * How every Kafka Streams application of the service belongs to its consumer group.
 *
 * <p><b>Leaving on shutdown.</b> An application that stops cleanly (SIGTERM, a rolling restart) leaves
 * its group at once ({@code leaveGroupOnClose}; Kafka Streams removes a static member through the admin
 * API), so its tasks move to their standbys on the other instances within a rebalance instead of staying
 * dark until the group gives up on it. Why it matters beyond the wait: a classic group coordinator keeps
 * a departure in memory only until the rebalance completes; when the coordinator moves (its broker
 * killed) it reloads the group from the log with every member's session timer started afresh, so a
 * member that never said goodbye held matching's routine group for 7 minutes of broker kills 40 s apart
 * (docs/reliability.md, session 8). {@code platform.kafka.streams.leave-group-on-close=false} turns it off.
 *
 * <p><b>Static membership.</b> With
 * {@code INSTANCE_ID} set, each stream thread's consumer joins its group as
 * {@code group.instance.id = <INSTANCE_ID>-<thread>}, so an instance that restarts within
 * {@code session.timeout.ms} gets its partitions (and warm state stores) back at once, with no
 * rebalance, instead of waiting for the group to notice the old member is gone.
 *
 * <p>The id must be unique per running instance within a group: an instance that joins with an id
 * already in use fences the other one out. Without {@code INSTANCE_ID} membership stays dynamic, which
 * is safe for any number of instances. {@code platform.kafka.streams.static-membership=false} turns it
 * off. Kafka Streams drops the id from its restore and global consumers, which have no group.
 */
public class StaticMembership implements BeanPostProcessor {

    static final String INSTANCE_ID = "INSTANCE_ID";
    static final String ENABLED = "platform.kafka.streams.static-membership";
    static final String LEAVE_GROUP_ON_CLOSE = "platform.kafka.streams.leave-group-on-close";
    private static final Logger log = LoggerFactory.getLogger(StaticMembership.class);

    private final Environment environment;

    public StaticMembership(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof StreamsBuilderFactoryBean factory) {
            apply(factory);
        }
        return bean;
    }

    void apply(StreamsBuilderFactoryBean factory) {
        factory.setLeaveGroupOnClose(environment.getProperty(LEAVE_GROUP_ON_CLOSE, Boolean.class, true));
        Properties current = factory.getStreamsConfiguration();
        String instanceId = environment.getProperty(INSTANCE_ID, "").trim();
        if (current == null || instanceId.isEmpty() || !environment.getProperty(ENABLED, Boolean.class, true)
                || current.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                || current.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))) {
            return;
        }
        Properties properties = new Properties();
        properties.putAll(current);
        // Kafka Streams appends "-<thread number>"; the group (= application id) scopes the id
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        factory.setStreamsConfiguration(properties);
        log.info("Kafka Streams application {} joins with static membership, group.instance.id {}-<thread>",
                properties.get(StreamsConfig.APPLICATION_ID_CONFIG), instanceId);
    }
}
