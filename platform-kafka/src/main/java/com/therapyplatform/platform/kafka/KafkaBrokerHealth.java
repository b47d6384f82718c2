package com.therapyplatform.platform.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Can this service reach the Kafka cluster right now? Boot has no Kafka health indicator and the
 * binder's only covers binder consumers, so intake-service (a plain transactional producer) and
 * matching-service (Kafka Streams only) would report ready with the broker gone. One cluster
 * description per probe, bounded by {@code timeout}; only the node count is shown (no host names).
 */
public class KafkaBrokerHealth implements HealthIndicator, DisposableBean {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private volatile Admin admin;

    public KafkaBrokerHealth(Map<String, Object> adminConfig, Duration timeout) {
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health-probe");
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return (nodes > 0 ? Health.up() : Health.down()).withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "INTERRUPTED").build();
        } catch (Exception e) {
            // the class name only: client messages can name hosts and records
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig);
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}
