package com.therapyplatform.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FlowMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");

    @Test
    void stageLatencyRunsFromSubmissionToNowPerStageAndLane() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FlowMetrics metrics = new FlowMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

        metrics.stageReached(FlowMetrics.STAGE_MATCHED, FlowMetrics.LANE_URGENT, NOW.minusMillis(1_500));

        var timer = registry.get(FlowMetrics.STAGE_LATENCY).tag("stage", "matched").tag("lane", "urgent").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
    }

    @Test
    void aSubmissionStampedInTheFutureByClockSkewCountsAsZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FlowMetrics metrics = new FlowMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

        metrics.stageReached(FlowMetrics.STAGE_TRIAGED, FlowMetrics.LANE_ROUTINE, NOW.plusSeconds(2));

        assertThat(registry.get(FlowMetrics.STAGE_LATENCY).timer().totalTime(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void prometheusGetsHistogramBucketsForPercentilesAndNoPersonalTags() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FlowMetrics metrics = new FlowMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

        metrics.stageReached(FlowMetrics.STAGE_NOTIFIED, FlowMetrics.LANE_ROUTINE, NOW.minusSeconds(3));
        metrics.deadLettered("intake.submitted.v1", "EventDecodingException", "UNPARSEABLE");

        String scrape = registry.scrape();
        assertThat(scrape).contains(
                "therapy_stage_latency_seconds_bucket{lane=\"routine\",stage=\"notified\",le=\"+Inf\"} 1",
                "therapy_stage_latency_seconds_count{lane=\"routine\",stage=\"notified\"} 1",
                "therapy_dead_letters_total{error_class=\"EventDecodingException\",reason=\"UNPARSEABLE\","
                        + "topic=\"intake.submitted.v1\"} 1.0");
        // buckets both sides of 3 s, so histogram_quantile can place p50 and p99
        assertThat(scrape).contains("le=\"2.505397588\"", "le=\"3.22122547\"");
    }
}
