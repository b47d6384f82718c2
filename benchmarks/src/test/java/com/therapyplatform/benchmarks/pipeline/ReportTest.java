package com.therapyplatform.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void theSlowestCrisisNotificationsAreListedSlowestFirstWithTheirPlaceInTheSendOrder() {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] crisis = {2978.1, 300, 410.5, 250, 990, 120, 640, -1};
        for (int i = 0; i < crisis.length; i++) {
            rows.add(Map.of("sent", i + 1, "triagedMs", 100.0 + i, "crisisSeenMs", crisis[i]));
        }

        String line = Report.slowestUrgent(rows);

        assertThat(line).contains("#1 2978.1 (triaged 100)");
        assertThat(line.indexOf("#1 ")).isLessThan(line.indexOf("#5 ")).isGreaterThan(0);
        assertThat(line.indexOf("#5 ")).isLessThan(line.indexOf("#7 "));
        assertThat(line.indexOf("#7 ")).isLessThan(line.indexOf("#3 "));
        assertThat(line.indexOf("#3 ")).isLessThan(line.indexOf("#2 "));
        assertThat(line).doesNotContain("#4 ").doesNotContain("#8 ");
    }

    @Test
    void aRunWithoutPerIntakeFiguresAddsNothing() {
        assertThat(Report.slowestUrgent(null)).isEmpty();
    }
}
