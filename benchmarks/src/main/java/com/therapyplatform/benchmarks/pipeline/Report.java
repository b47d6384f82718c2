package com.therapyplatform.benchmarks.pipeline;

import com.therapyplatform.contracts.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes the results as JSON, a Markdown page and a PNG plot. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static void write(PipelineBenchmark.Options o, Map<String, Object> results) throws IOException {
        Files.createDirectories(o.out);
        String name = o.quick ? "pipeline-quick" : "pipeline";
        Path json = o.out.resolve(name + ".json");
        Files.writeString(json, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        Path md = o.out.resolve(name + ".md");
        Files.writeString(md, markdown(o, name, results));
        Path png = o.out.resolve(name + ".png");
        plot(o, results, png);
        PipelineBenchmark.log("wrote %s, %s and %s", json, md, png);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    /** The five slowest crisis notifications and where they were in the send order (first ones: a cold path). */
    static String slowestUrgent(Object perIntake) {
        if (perIntake == null) {
            return "";
        }
        List<Map<String, Object>> slowest = list(perIntake).stream()
                .sorted(Comparator.comparingDouble((Map<String, Object> row) -> number(row.get("crisisSeenMs"))).reversed())
                .limit(5).toList();
        StringBuilder b = new StringBuilder("The slowest crisis notifications (ms), by place in the send order:");
        for (Map<String, Object> row : slowest) {
            b.append(" #").append(f(row.get("sent"))).append(" ").append(f(row.get("crisisSeenMs")))
                    .append(" (triaged ").append(f(row.get("triagedMs"))).append(")");
        }
        return b.append(". Every intake's stages are in the JSON (`perIntake`).\n\n").toString();
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : -1;
    }

    private static String f(Object v) {
        if (v == null) {
            return "–";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.valueOf(d.longValue()) : String.format("%.1f", d);
        }
        return String.valueOf(v);
    }

    private static String x(Object v) {
        return v == null ? "–" : String.format("%.1f×", ((Number) v).doubleValue());
    }

    static String markdown(PipelineBenchmark.Options o, String name, Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> run = map(r.get("run"));
        b.append("# Pipeline benchmark").append(o.quick ? " (QUICK MODE: short runs, for development only)" : "").append("\n\n");
        b.append("Written by `./bench").append(o.quick ? " --quick" : "").append("` (see [README](README.md)); ")
                .append("raw figures in [`").append(name).append(".json`](").append(name).append(".json), plot [`")
                .append(name).append(".png`](").append(name).append(".png).\n\n");
        b.append("| run | |\n| --- | --- |\n");
        run.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(f(v)).append(" |\n"));
        b.append("\nLatencies in ms. *Baseline*: the same payload through four consume-produce hops of plain Kafka ")
                .append("clients on the same broker, in the same run (three transactional hops and one at-least-once hop, ")
                .append("read_committed, acks=all, idempotent). *End to end*: from the scheduled send time of the POST ")
                .append("(open loop) to the moment an outside read_committed consumer sees the intake's outcome ")
                .append("`NotificationSent` (match confirmation, or waitlist notice once the roster is full). ")
                .append("Requests without an answer within 15 s count as *failed* and are left out of the latencies ")
                .append("(their intake id is unknown; the service may still have accepted them), so where many failed ")
                .append("the latencies understate. Status codes per step are in the JSON (`statusCounts`).\n\n");
        Map<String, Object> baseline = r.get("baseline") == null ? null : map(r.get("baseline"));
        if (baseline != null) {
            b.append("## Baseline (plain clients, four hops)\n\n| rate/s | p50 | p99 | p99.9 | max | n | load avg |\n| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (Map<String, Object> row : list(baseline.get("rates"))) {
                Map<String, Object> l = map(row.get("latency"));
                b.append("| ").append(f(row.get("ratePerSecond"))).append(" | ").append(f(l.get("p50Ms"))).append(" | ")
                        .append(f(l.get("p99Ms"))).append(" | ").append(f(l.get("p999Ms"))).append(" | ")
                        .append(f(l.get("maxMs"))).append(" | ").append(f(l.get("count"))).append(" | ")
                        .append(f(row.get("loadAverage"))).append(" |\n");
            }
            b.append("\nFlooded: **").append(f(baseline.get("floodedThroughputPerSecond"))).append(" records/s** (")
                    .append(f(baseline.get("floodCount"))).append(" records).\n\n");
        }
        List<Map<String, Object>> steady = list(r.get("steady"));
        if (!steady.isEmpty()) {
            b.append("## Steady load over HTTP (open loop)\n\n")
                    .append("| rate/s | accepted | dropped/failed | completed (waitlisted) | e2e p50 | e2e p99 | e2e p99.9 | max | baseline p50 / p99 / p99.9 | ratio p50 / p99 / p99.9 | load avg |\n")
                    .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
            for (Map<String, Object> row : steady) {
                Map<String, Object> e = map(row.get("endToEnd"));
                Map<String, Object> bl = row.get("baseline") == null ? Map.of() : map(row.get("baseline"));
                Map<String, Object> ra = row.get("ratioToBaseline") == null ? Map.of() : map(row.get("ratioToBaseline"));
                b.append("| ").append(f(row.get("ratePerSecond"))).append(" | ").append(f(row.get("accepted"))).append(" | ")
                        .append(f(row.get("dropped"))).append(" / ").append(f(row.get("failed"))).append(" | ")
                        .append(f(row.get("completed"))).append(" (").append(f(row.get("waitlisted"))).append(") | ")
                        .append(f(e.get("p50Ms"))).append(" | ").append(f(e.get("p99Ms"))).append(" | ")
                        .append(f(e.get("p999Ms"))).append(" | ").append(f(e.get("maxMs"))).append(" | ")
                        .append(f(bl.get("p50Ms"))).append(" / ").append(f(bl.get("p99Ms"))).append(" / ").append(f(bl.get("p999Ms"))).append(" | ")
                        .append(x(ra.get("p50"))).append(" / ").append(x(ra.get("p99"))).append(" / ").append(x(ra.get("p999"))).append(" | ")
                        .append(f(row.get("loadAverage"))).append(" |\n");
            }
            stageTable(b, steady, "perStage", "Per stage (time spent in each step, p50 / p99 ms; *http+intake* = scheduled send to `submittedAt`):",
                    List.of("http+intake", "triage", "matching", "notification"));
            stageTable(b, steady, "cumulativeFromDue", "Cumulative from the scheduled send (p50 / p99 ms):",
                    List.of("accepted", "triaged", "matched", "notified"));
            b.append('\n');
        }
        if (r.get("saturation") != null) {
            Map<String, Object> sat = map(r.get("saturation"));
            b.append("## Saturation\n\n").append(sat.get("rule")).append(".\n\n");
            Object flood = baseline == null ? null : baseline.get("floodedThroughputPerSecond");
            b.append("| driver | highest sustained intakes/s | ratio to baseline flooded (").append(f(flood))
                    .append("/s) | waited before the first step for earlier intakes (s); still without outcome |\n| --- | ---: | ---: | --- |\n");
            for (String d : List.of("http", "kafka")) {
                if (sat.get(d) == null) {
                    continue;
                }
                Object best = map(sat.get(d)).get("highestSustainedPerSecond");
                Object settled = map(sat.get(d)).get("settledBeforeSteps");
                b.append("| ").append(d.equals("http") ? "HTTP (POST /api/v1/intakes)" : "Kafka (onto intake.submitted.v1 + intake.contact.v1)")
                        .append(" | ").append(f(best)).append(" | ")
                        .append(flood == null ? "–" : String.format("%.2f", ((Number) best).doubleValue() / ((Number) flood).doubleValue()))
                        .append(" | ").append(settled == null ? "–" : f(map(settled).get("waitedSeconds")) + "; "
                                + f(map(settled).get("earlierIntakesWithoutOutcome")))
                        .append(" |\n");
            }
            b.append("\n| driver | step/s | accepted | dropped/failed | completed in grace | completion/s | e2e p50 | e2e p99 | sustained | load avg |\n")
                    .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
            for (String d : List.of("http", "kafka")) {
                if (sat.get(d) == null) {
                    continue;
                }
                for (Map<String, Object> row : list(map(sat.get(d)).get("steps"))) {
                    Map<String, Object> e = map(row.get("endToEnd"));
                    b.append("| ").append(d).append(" | ").append(f(row.get("ratePerSecond"))).append(" | ")
                            .append(f(row.get("accepted"))).append(" | ").append(f(row.get("dropped"))).append(" / ")
                            .append(f(row.get("failed"))).append(" | ").append(f(row.get("completedWithinGrace"))).append(" | ")
                            .append(f(row.get("completionThroughputPerSecond"))).append(" | ")
                            .append(f(e.get("p50Ms"))).append(" | ").append(f(e.get("p99Ms"))).append(" | ")
                            .append(Boolean.TRUE.equals(row.get("sustained")) ? "yes" : "**no**").append(" | ")
                            .append(f(row.get("loadAverage"))).append(" |\n");
                }
            }
            b.append('\n');
        }
        if (r.get("urgentUnderBacklog") != null) {
            Map<String, Object> u = map(r.get("urgentUnderBacklog"));
            Map<String, Object> c = map(u.get("crisisNotificationSeen"));
            Map<String, Object> t = map(u.get("urgentTriaged"));
            b.append("## Urgent under backlog\n\n")
                    .append(f(u.get("routineQueued"))).append(" routine intakes queued onto Kafka in ")
                    .append(f(u.get("queuedInSeconds"))).append(" s, then ").append(f(u.get("urgentSent")))
                    .append(" urgent intakes POSTed; ").append(f(u.get("routineStillQueuedWhenLastUrgentSent")))
                    .append(" routine intakes were still without their outcome notification when the last urgent one was sent.\n\n")
                    .append("| from the POST's scheduled time to | p50 | p99 | max | n |\n| --- | ---: | ---: | ---: | ---: |\n")
                    .append("| crisis `NotificationSent` seen | ").append(f(c.get("p50Ms"))).append(" | ").append(f(c.get("p99Ms")))
                    .append(" | ").append(f(c.get("maxMs"))).append(" | ").append(f(c.get("count"))).append(" |\n")
                    .append("| urgent intake triaged | ").append(f(t.get("p50Ms"))).append(" | ").append(f(t.get("p99Ms")))
                    .append(" | ").append(f(t.get("maxMs"))).append(" | ").append(f(t.get("count"))).append(" |\n\n")
                    .append(slowestUrgent(u.get("perIntake")))
                    .append("Urgent intakes without a crisis notification: ").append(f(u.get("urgentWithoutCrisisNotification")))
                    .append("; routine intakes left at the end: ").append(f(u.get("routineLeftAtEnd")))
                    .append(" (").append(f(u.get("secondsFromQueueingToEnd"))).append(" s after queueing).\n\n");
        }
        if (r.get("footprint") != null) {
            b.append("## Footprint\n\n| process | start-up (Boot \"Started in\") s | process running for s | peak RSS MB | peak during | RSS at end MB |\n")
                    .append("| --- | ---: | ---: | ---: | --- | ---: |\n");
            map(r.get("footprint")).forEach((k, v) -> {
                Map<String, Object> m = map(v);
                b.append("| ").append(k).append(" | ").append(f(m.get("startedInSeconds"))).append(" | ")
                        .append(f(m.get("processRunningForSeconds"))).append(" | ").append(f(m.get("peakRssMb")))
                        .append(" | ").append(f(m.get("peakDuring"))).append(" | ").append(f(m.get("rssNowMb"))).append(" |\n");
            });
            b.append('\n');
        }
        return b.toString();
    }

    private static void stageTable(StringBuilder b, List<Map<String, Object>> rows, String key, String title,
            List<String> columns) {
        b.append("\n").append(title).append("\n\n| rate/s | ").append(String.join(" | ", columns)).append(" |\n| ---: |")
                .append(" --- |".repeat(columns.size())).append("\n");
        for (Map<String, Object> row : rows) {
            Map<String, Object> st = map(row.get(key));
            b.append("| ").append(f(row.get("ratePerSecond")));
            for (String k : columns) {
                Map<String, Object> s = map(st.get(k));
                b.append(" | ").append(f(s.get("p50Ms"))).append(" / ").append(f(s.get("p99Ms")));
            }
            b.append(" |\n");
        }
    }

    private static void plot(PipelineBenchmark.Options o, Map<String, Object> r, Path png) throws IOException {
        List<Map<String, Object>> steady = list(r.get("steady"));
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("End-to-end latency vs. plain-client baseline" + (o.quick ? " (QUICK MODE)" : ""))
                .xAxisTitle("intakes per second (open loop)").yAxisTitle("ms").build();
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> rates = new ArrayList<>();
        List<Double> bl50 = new ArrayList<>();
        List<Double> bl99 = new ArrayList<>();
        List<Double> e50 = new ArrayList<>();
        List<Double> e99 = new ArrayList<>();
        List<Double> e999 = new ArrayList<>();
        for (Map<String, Object> row : steady) {
            rates.add(f(row.get("ratePerSecond")));
            Map<String, Object> e = map(row.get("endToEnd"));
            Map<String, Object> bl = row.get("baseline") == null ? Map.of() : map(row.get("baseline"));
            bl50.add(positive(bl.get("p50Ms")));
            bl99.add(positive(bl.get("p99Ms")));
            e50.add(positive(e.get("p50Ms")));
            e99.add(positive(e.get("p99Ms")));
            e999.add(positive(e.get("p999Ms")));
        }
        if (rates.isEmpty()) {
            rates.add("none");
            for (List<Double> l : List.of(bl50, bl99, e50, e99, e999)) {
                l.add(0.0);
            }
        }
        chart.addSeries("baseline p50", rates, bl50);
        chart.addSeries("baseline p99", rates, bl99);
        chart.addSeries("pipeline p50", rates, e50);
        chart.addSeries("pipeline p99", rates, e99);
        chart.addSeries("pipeline p99.9", rates, e999);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Double positive(Object v) {
        return v == null ? 0.0 : ((Number) v).doubleValue();
    }
}
