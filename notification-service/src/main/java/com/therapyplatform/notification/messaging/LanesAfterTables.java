package com.therapyplatform.notification.messaging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The four lanes are bound with {@code auto-startup: false} and started here, once every Kafka Streams
 * application of the tables (the tables, the urgent contacts) has been RUNNING, that is once their global
 * stores (contacts, urgent contacts, triage, roster, de-duplication) are loaded. Started earlier, every
 * record found waiting at start-up would fail with {@code NOTIFICATION_TABLES_NOT_RUNNING} and be retried,
 * logged at ERROR, until the stores caught up. A later rebalance or restore does not stop the lanes: a read
 * then is a transient failure, retried in place as before.
 */
public class LanesAfterTables {

    private static final Logger log = LoggerFactory.getLogger(LanesAfterTables.class);

    private final BindingsLifecycleController bindings;
    private final List<String> lanes;
    /** The applications not RUNNING yet since the start; each reports on its own thread. */
    private final Set<StreamsBuilderFactoryBean> loading = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();

    /** Before the factories start: each takes this as its (only) state listener. */
    public LanesAfterTables(List<StreamsBuilderFactoryBean> tables, BindingsLifecycleController bindings,
            List<String> lanes) {
        this.bindings = bindings;
        this.lanes = List.copyOf(lanes);
        loading.addAll(tables);
        tables.forEach(application -> application.setStateListener(
                (newState, oldState) -> onChange(application, newState)));
    }

    private void onChange(StreamsBuilderFactoryBean application, KafkaStreams.State newState) {
        if (newState == KafkaStreams.State.RUNNING && loading.remove(application) && loading.isEmpty()
                && started.compareAndSet(false, true)) {
            // not on the Kafka Streams thread that reports the change: starting a binding may take a while
            Thread starter = new Thread(this::startLanes, "notification-lanes-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private void startLanes() {
        lanes.forEach(bindings::start);
        log.info("global stores loaded; lanes started: {}", lanes);
    }
}
