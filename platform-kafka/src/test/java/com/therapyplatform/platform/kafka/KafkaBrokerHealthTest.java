package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class KafkaBrokerHealthTest {

    @Test
    void anUnreachableBrokerIsDownWithinTheTimeoutAndNamesNoHost() throws Exception {
        KafkaBrokerHealth health = new KafkaBrokerHealth(Map.of("bootstrap.servers", "127.0.0.1:1"),
                Duration.ofMillis(500));
        try {
            long start = System.nanoTime();
            var result = health.health();
            assertThat(result.getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(result.getDetails().toString()).doesNotContain("127.0.0.1");
        } finally {
            health.destroy();
        }
    }
}
