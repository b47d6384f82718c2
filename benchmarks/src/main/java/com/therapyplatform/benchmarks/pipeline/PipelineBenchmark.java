package com.therapyplatform.benchmarks.pipeline;

import com.therapyplatform.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The pipeline benchmark (./bench): bounded scenarios against a running stack, each beside a baseline of
 * plain Kafka clients measured in the same run. See docs/benchmarks/README.md.
 */
public final class PipelineBenchmark {

    final Options o;
    final Intakes intakes;
    final Recorder recorder;
    final Footprint footprint;
    final Map<String, Object> results = new LinkedHashMap<>();
    /** Every intake the steady and saturation scenarios sent: a saturation step starts once they are through. */
    private final List<Load.Sample> sentSoFar = new ArrayList<>();
    private Thread mailPurger;

    PipelineBenchmark(Options o) throws Exception {
        this.o = o;
        this.intakes = new Intakes(o.examples);
        this.recorder = new Recorder(o.bootstrap);
        this.footprint = new Footprint(o.stackDir);
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.render != null) {
            // re-writes the Markdown and the plot from a JSON result (no stack needed)
            @SuppressWarnings("unchecked")
            Map<String, Object> results = EventJsonAccess.read(o.render);
            o.quick = String.valueOf(((Map<String, Object>) results.get("run")).get("mode")).startsWith("quick");
            Report.write(o, results);
            return;
        }
        PipelineBenchmark bench = new PipelineBenchmark(o);
        try {
            bench.run();
        } finally {
            bench.recorder.close();
            bench.footprint.close();
        }
        System.exit(0);
    }

    void run() throws Exception {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("mode", o.quick ? "quick (shorter runs, fewer rates: for development, not for comparison)" : "full");
        meta.put("startedAt", Instant.now().toString());
        meta.put("bootstrapServers", o.bootstrap);
        meta.put("baseUrl", o.baseUrl);
        meta.put("cpus", Runtime.getRuntime().availableProcessors());
        meta.put("loadAverageAtStart", Footprint.loadAverage());
        meta.put("java", System.getProperty("java.version"));
        meta.put("label", o.label);
        results.put("run", meta);
        startMailPurger();
        List<String> scenarios = o.scenarios;
        Map<Double, Stats.Summary> baselineAt = new LinkedHashMap<>();
        if (scenarios.contains("baseline")) {
            footprint.scenario("baseline");
            baselineAt = baseline();
        }
        if (scenarios.contains("steady")) {
            steady(baselineAt);
        }
        if (scenarios.contains("saturation")) {
            saturation();
        }
        if (scenarios.contains("urgent")) {
            urgentUnderBacklog();
        }
        footprint.scenario("end");
        results.put("footprint", footprint.report());
        meta.put("loadAverageAtEnd", Footprint.loadAverage());
        meta.put("finishedAt", Instant.now().toString());
        Report.write(o, results);
    }

    // ------------------------------------------------------------------------------------------------

    private Map<Double, Stats.Summary> baseline() throws Exception {
        log("baseline: four hops of plain Kafka clients");
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Double, Stats.Summary> byRate = new LinkedHashMap<>();
        try (Baseline b = new Baseline(o.bootstrap, o.partitions)) {
            List<Map<String, Object>> rates = new ArrayList<>();
            for (double rate : o.rates) {
                Stats.Summary s = Stats.summarize(b.atRate(intakes.routineJson, rate, o.warmup, o.seconds));
                byRate.put(rate, s);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ratePerSecond", rate);
                m.put("latency", s.toMap());
                m.put("loadAverage", Footprint.loadAverage());
                rates.add(m);
                log("  baseline at %.0f/s: %s", rate, s);
            }
            out.put("rates", rates);
            double flood = b.flood(intakes.routineJson, o.floodCount);
            out.put("floodedThroughputPerSecond", Stats.round(flood));
            out.put("floodCount", o.floodCount);
            log("  baseline flooded: %.0f records/s", flood);
        }
        results.put("baseline", out);
        return byRate;
    }

    private void steady(Map<Double, Stats.Summary> baselineAt) throws Exception {
        List<Map<String, Object>> rates = new ArrayList<>();
        for (double rate : o.rates) {
            footprint.scenario("steady " + (int) rate + "/s");
            log("steady: %.0f intakes/s over HTTP, %.0f s warm-up + %.0f s", rate, o.warmup, o.seconds);
            List<Load.Sample> samples = Load.http(o.baseUrl, intakes.routineJson, rate, o.warmup, o.seconds, o.maxInFlight);
            sentSoFar.addAll(samples);
            awaitOutcomes(samples, 60);
            Map<String, Object> m = analyse(samples, rate, baselineAt.get(rate));
            m.put("loadAverage", Footprint.loadAverage());
            rates.add(m);
        }
        results.put("steady", rates);
    }

    /** Latency from the due time to each stage, plus end to end, of the measured samples. */
    Map<String, Object> analyse(List<Load.Sample> samples, double rate, Stats.Summary baseline) {
        List<Load.Sample> measured = samples.stream().filter(s -> s.measured).toList();
        long dropped = measured.stream().filter(s -> s.status == -1).count();
        long failed = measured.stream().filter(s -> s.status != -1 && s.status != 202).count();
        List<Load.Sample> accepted = measured.stream().filter(s -> s.status == 202 && s.intakeId != null).toList();
        List<Recorder.Trace> traces = accepted.stream().map(s -> recorder.trace(s.intakeId)).toList();
        long completed = traces.stream().filter(t -> t.notifiedSeen != 0).count();
        long waitlisted = traces.stream().filter(t -> "waitlisted".equals(t.outcome)).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratePerSecond", rate);
        m.put("scheduled", measured.size());
        m.put("dropped", dropped);
        m.put("failed", failed);
        // -1 dropped at the in-flight cap, -2 no answer (timeout or I/O error), else the HTTP status
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        measured.forEach(s -> statuses.merge(s.status, 1L, Long::sum));
        m.put("statusCounts", statuses);
        m.put("accepted", accepted.size());
        m.put("completed", completed);
        m.put("waitlisted", waitlisted);
        Stats.Summary e2e = summarize(accepted, (s, t) -> t.notifiedSeen == 0 ? -1 : t.notifiedSeen - s.due);
        m.put("endToEnd", e2e.toMap());
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("accepted", summarize(accepted, (s, t) -> t.submittedAt == 0 ? -1 : t.submittedAt - s.due).toMap());
        stages.put("triaged", summarize(accepted, (s, t) -> t.triagedAt == 0 ? -1 : t.triagedAt - s.due).toMap());
        stages.put("matched", summarize(accepted, (s, t) -> t.outcomeAt == 0 ? -1 : t.outcomeAt - s.due).toMap());
        stages.put("notified", summarize(accepted, (s, t) -> t.notifiedAt == 0 ? -1 : t.notifiedAt - s.due).toMap());
        m.put("cumulativeFromDue", stages);
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("http+intake", summarize(accepted, (s, t) -> t.submittedAt == 0 ? -1 : t.submittedAt - s.due).toMap());
        steps.put("triage", summarize(accepted, (s, t) -> t.triagedAt == 0 || t.submittedAt == 0 ? -1 : t.triagedAt - t.submittedAt).toMap());
        steps.put("matching", summarize(accepted, (s, t) -> t.outcomeAt == 0 || t.triagedAt == 0 ? -1 : t.outcomeAt - t.triagedAt).toMap());
        steps.put("notification", summarize(accepted, (s, t) -> t.notifiedAt == 0 || t.outcomeAt == 0 ? -1 : t.notifiedAt - t.outcomeAt).toMap());
        m.put("perStage", steps);
        if (baseline != null) {
            m.put("baseline", baseline.toMap());
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("p50", Stats.round(Stats.ratio(e2e.p50(), baseline.p50())));
            ratio.put("p99", Stats.round(Stats.ratio(e2e.p99(), baseline.p99())));
            ratio.put("p999", Stats.round(Stats.ratio(e2e.p999(), baseline.p999())));
            m.put("ratioToBaseline", ratio);
        }
        log("  %.0f/s: statuses %s; accepted %d of %d (dropped %d, failed %d), completed %d (waitlisted %d); end to end %s%s",
                rate, statuses, accepted.size(), measured.size(), dropped, failed, completed, waitlisted, e2e,
                baseline == null ? "" : String.format("; p99 ratio to baseline %.1f", Stats.ratio(e2e.p99(), baseline.p99())));
        return m;
    }

    interface Latency {
        long of(Load.Sample s, Recorder.Trace t);
    }

    private Stats.Summary summarize(List<Load.Sample> samples, Latency latency) {
        long[] values = samples.stream().mapToLong(s -> latency.of(s, recorder.trace(s.intakeId)))
                .filter(v -> v >= 0).toArray();
        return Stats.summarize(values);
    }

    /**
     * Waits until every accepted sample reached its outcome notification, until no progress for
     * {@code quietSeconds}, or at most four times that in all (every wait is bounded).
     */
    private void awaitOutcomes(List<Load.Sample> samples, int quietSeconds) throws InterruptedException {
        awaitOutcomes(samples, quietSeconds, t -> t.notifiedSeen);
    }

    private long awaitOutcomes(List<Load.Sample> samples, int quietSeconds, ToLongFunction<Recorder.Trace> seen)
            throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        long deadline = quietSince + TimeUnit.SECONDS.toNanos(4L * quietSeconds);
        while (true) {
            long missing = samples.stream().filter(s -> s.status == 202 && s.intakeId != null)
                    .filter(s -> seen.applyAsLong(recorder.trace(s.intakeId)) == 0).count();
            if (missing == 0) {
                return 0;
            }
            if (missing != last) {
                last = missing;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(quietSeconds)
                    || System.nanoTime() > deadline) {
                log("  %d accepted intakes without their notification (stopped waiting)", missing);
                return missing;
            }
            Thread.sleep(250);
        }
    }

    // ------------------------------------------------------------------------------------------------

    private void saturation() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", String.format("a step is sustained when at most 1%% of its intakes were dropped or failed and "
                + "at least 99.5%% of the accepted ones reached their outcome notification within %.0f s after the step ended "
                + "(so the backlog did not grow); each step runs %.0f s", o.saturationGrace, o.saturationSeconds));
        out.put("http", saturate("http", o.httpSteps));
        out.put("kafka", saturate("kafka", o.kafkaSteps));
        results.put("saturation", out);
    }

    /**
     * Waits, at most {@code --settle} seconds, until every intake sent so far has its outcome: a step that
     * starts behind an earlier scenario's backlog measures that backlog, not the step (sessions 5 and 10:
     * no step sustained behind the 500/s step's leftovers).
     */
    private Map<String, Object> settle() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(o.settleSeconds);
        long missing;
        while ((missing = sentSoFar.stream().filter(s -> s.status == 202 && s.intakeId != null)
                .filter(s -> recorder.trace(s.intakeId).notifiedSeen == 0).count()) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        double waited = (System.nanoTime() - start) / 1e9;
        log("  settled for %.0f s before the steps; %d earlier intakes still without their outcome", waited, missing);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("waitedSeconds", Stats.round(waited));
        m.put("earlierIntakesWithoutOutcome", missing);
        return m;
    }

    private Map<String, Object> saturate(String driver, double[] steps) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        double best = 0;
        Map<String, Object> settled = settle();
        for (double rate : steps) {
            footprint.scenario("saturation " + driver + " " + (int) rate + "/s");
            log("saturation (%s): %.0f intakes/s for %.0f s", driver, rate, o.saturationSeconds);
            List<Load.Sample> samples = "http".equals(driver)
                    ? Load.http(o.baseUrl, intakes.routineJson, rate, 0, o.saturationSeconds, o.maxInFlight)
                    : Load.kafka(o.bootstrap, intakes, false, rate, 0, o.saturationSeconds);
            sentSoFar.addAll(samples);
            long stepEnd = samples.get(samples.size() - 1).due;
            long graceEnd = stepEnd + (long) (o.saturationGrace * 1e9);
            while (Clock.nanos() < graceEnd) {
                Thread.sleep(100);
            }
            long accepted = samples.stream().filter(s -> s.status == 202).count();
            long onTime = samples.stream().filter(s -> s.status == 202 && s.intakeId != null)
                    .map(s -> recorder.trace(s.intakeId)).filter(t -> t.notifiedSeen != 0 && t.notifiedSeen <= graceEnd).count();
            long lost = samples.size() - accepted;
            boolean sustained = lost <= samples.size() * 0.01 && onTime >= accepted * 0.995;
            Map<String, Object> m = analyse(samples, rate, null);
            m.put("completedWithinGrace", onTime);
            m.put("sustained", sustained);
            long firstDue = samples.get(0).due;
            m.put("completionThroughputPerSecond", Stats.round(onTime / ((graceEnd - firstDue) / 1e9)));
            m.put("loadAverage", Footprint.loadAverage());
            rows.add(m);
            log("  %s %.0f/s: %s (%d of %d accepted completed within the grace)", driver, rate,
                    sustained ? "sustained" : "NOT sustained", onTime, accepted);
            if (!sustained) {
                awaitOutcomes(samples, 30);
                break;
            }
            best = rate;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("highestSustainedPerSecond", best);
        out.put("settledBeforeSteps", settled);
        out.put("steps", rows);
        return out;
    }

    // ------------------------------------------------------------------------------------------------

    private void urgentUnderBacklog() throws Exception {
        footprint.scenario("urgent under backlog");
        log("urgent under backlog: %d routine intakes onto Kafka, then %d urgent over HTTP at %.0f/s",
                o.backlog, o.urgentCount, o.urgentRate);
        List<String> routineIds = new ArrayList<>(o.backlog);
        long injectStart = System.nanoTime();
        KafkaProducer<String, byte[]> producer = Load.transactionalProducer(o.bootstrap, "bench-backlog-");
        try {
            for (int done = 0; done < o.backlog; ) {
                producer.beginTransaction();
                int n = Math.min(1000, o.backlog - done);
                for (int i = 0; i < n; i++) {
                    Intakes.Pair pair = intakes.events(false, Instant.now());
                    routineIds.add(pair.intakeId());
                    producer.send(new ProducerRecord<>(Topics.INTAKE_SUBMITTED, pair.intakeId(), pair.submitted()));
                    producer.send(new ProducerRecord<>(Topics.INTAKE_CONTACT, pair.intakeId(), pair.contact()));
                }
                producer = Load.commit(producer, o.bootstrap, "bench-backlog-");
                done += n;
            }
        } finally {
            producer.close();
        }
        double injectSeconds = (System.nanoTime() - injectStart) / 1e9;
        log("  queued %d routine intakes in %.1f s", o.backlog, injectSeconds);
        List<Load.Sample> urgent = Load.http(o.baseUrl, intakes.urgentJson, o.urgentRate, 0,
                o.urgentCount / o.urgentRate, o.maxInFlight);
        long backlogLeftAtLastUrgent = routineIds.stream().filter(id -> recorder.trace(id).notifiedSeen == 0).count();
        long missing = awaitOutcomes(urgent, 60, t -> t.crisisSeen);
        List<Load.Sample> accepted = urgent.stream().filter(s -> s.status == 202 && s.intakeId != null).toList();
        Stats.Summary crisis = summarize(accepted, (s, t) -> t.crisisSeen == 0 ? -1 : t.crisisSeen - s.due);
        Stats.Summary crisisSent = summarize(accepted, (s, t) -> t.crisisAt == 0 ? -1 : t.crisisAt - s.due);
        Stats.Summary triaged = summarize(accepted, (s, t) -> t.triagedAt == 0 ? -1 : t.triagedAt - s.due);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("routineQueued", o.backlog);
        m.put("queuedInSeconds", Stats.round(injectSeconds));
        m.put("urgentSent", urgent.size());
        m.put("urgentAccepted", accepted.size());
        m.put("urgentWithoutCrisisNotification", missing);
        m.put("routineStillQueuedWhenLastUrgentSent", backlogLeftAtLastUrgent);
        m.put("crisisNotificationSeen", crisis.toMap());
        m.put("crisisNotificationSentAt", crisisSent.toMap());
        m.put("urgentTriaged", triaged.toMap());
        m.put("perIntake", perUrgentIntake(urgent));
        m.put("loadAverage", Footprint.loadAverage());
        results.put("urgentUnderBacklog", m);
        log("  crisis notification: %s (triaged %s); %d routine still queued at the last urgent",
                crisis, triaged, backlogLeftAtLastUrgent);
        // keep measuring the footprint while the backlog drains, bounded
        footprint.scenario("backlog draining");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.backlogDrainSeconds);
        long left = backlogLeftAtLastUrgent;
        while (System.nanoTime() < deadline && left > 0) {
            Thread.sleep(2000);
            left = routineIds.stream().filter(id -> recorder.trace(id).notifiedSeen == 0).count();
        }
        double drained = (System.nanoTime() - injectStart) / 1e9;
        m.put("routineLeftAtEnd", left);
        m.put("secondsFromQueueingToEnd", Stats.round(drained));
        log("  %d routine intakes left after %.0f s", left, drained);
    }

    /**
     * Each urgent intake in the order it was sent, its stages in ms from the POST's scheduled time (-1: not
     * seen): whether the slowest are the first ones (a cold path) or any (contention) shows only here.
     */
    private List<Map<String, Object>> perUrgentIntake(List<Load.Sample> urgent) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < urgent.size(); i++) {
            Load.Sample s = urgent.get(i);
            Recorder.Trace t = s.intakeId == null ? new Recorder.Trace() : recorder.trace(s.intakeId); // none: all -1
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sent", i + 1);
            row.put("status", s.status);
            row.put("answeredMs", since(s, s.answered));
            row.put("acceptedMs", since(s, t.submittedAt));
            row.put("triagedMs", since(s, t.triagedAt));
            row.put("crisisSentMs", since(s, t.crisisAt));
            row.put("crisisSeenMs", since(s, t.crisisSeen));
            rows.add(row);
        }
        return rows;
    }

    private static double since(Load.Sample s, long at) {
        return at == 0 ? -1 : Stats.round((at - s.due) / 1e6);
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * GreenMail keeps every mail in memory; a run sends hundreds of thousands. Purge the local SMTP sink
     * every few seconds (only when it answers at the given URL).
     */
    private void startMailPurger() {
        if (o.greenmailUrl == null || o.greenmailUrl.isBlank()) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI purge = URI.create(o.greenmailUrl + "/api/mail/purge");
        mailPurger = new Thread(() -> {
            while (true) {
                try {
                    client.send(HttpRequest.newBuilder(purge).timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "bench-mail-purge");
        mailPurger.setDaemon(true);
        mailPurger.start();
    }

    static void log(String format, Object... args) {
        System.out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
    }

    // ------------------------------------------------------------------------------------------------

    static final class Options {
        String bootstrap = "127.0.0.1:9092";
        String baseUrl = "http://127.0.0.1:8080";
        String greenmailUrl = "http://127.0.0.1:8025";
        Path out = Path.of("docs/benchmarks");
        Path stackDir = Path.of(".stack");
        Path examples = Path.of("docs/examples");
        boolean quick;
        String label = "";
        Path render;
        List<String> scenarios = List.of("baseline", "steady", "saturation", "urgent");
        double[] rates = {50, 200, 500};
        double warmup = 10;
        double seconds = 60;
        int partitions = 3;
        int floodCount = 100_000;
        int maxInFlight = 512;
        // from 100/s: on two cores the pipeline's end-to-end capacity is below 250/s (session 10)
        double[] httpSteps = {100, 150, 200, 250, 500, 750, 1000, 1500, 2000, 3000};
        double[] kafkaSteps = {100, 150, 200, 250, 500, 1000, 1500, 2000, 3000, 4000, 6000};
        double saturationSeconds = 15;
        double saturationGrace = 5;
        int backlog = 50_000;
        int urgentCount = 40;
        double urgentRate = 2;
        int backlogDrainSeconds = 120;
        int settleSeconds = 300;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String a : args) {
                if (a.equals("--quick")) {
                    o.quick = true;
                    o.rates = new double[] {50, 200};
                    o.warmup = 3;
                    o.seconds = 10;
                    o.floodCount = 20_000;
                    o.httpSteps = new double[] {100, 250, 500, 1000, 2000};
                    o.kafkaSteps = new double[] {100, 500, 1000, 2000, 4000};
                    o.settleSeconds = 60;
                    o.saturationSeconds = 6;
                    o.backlog = 5_000;
                    o.urgentCount = 10;
                    o.backlogDrainSeconds = 30;
                }
            }
            for (String a : args) {
                if (a.equals("--quick")) {
                    continue;
                }
                if (a.equals("--help") || !a.startsWith("--") || !a.contains("=")) {
                    usage(a.equals("--help") ? null : a);
                }
                String key = a.substring(2, a.indexOf('='));
                String v = a.substring(a.indexOf('=') + 1);
                switch (key) {
                    case "bootstrap-servers" -> o.bootstrap = v;
                    case "base-url" -> o.baseUrl = v.replaceAll("/+$", "");
                    case "greenmail-url" -> o.greenmailUrl = v.replaceAll("/+$", "");
                    case "out" -> o.out = Path.of(v);
                    case "stack-dir" -> o.stackDir = Path.of(v);
                    case "examples" -> o.examples = Path.of(v);
                    case "label" -> o.label = v;
                    case "render" -> o.render = Path.of(v);
                    case "scenarios" -> o.scenarios = List.of(v.split(","));
                    case "rates" -> o.rates = doubles(v);
                    case "warmup" -> o.warmup = Double.parseDouble(v);
                    case "seconds" -> o.seconds = Double.parseDouble(v);
                    case "partitions" -> o.partitions = Integer.parseInt(v);
                    case "http-steps" -> o.httpSteps = doubles(v);
                    case "kafka-steps" -> o.kafkaSteps = doubles(v);
                    case "backlog" -> o.backlog = Integer.parseInt(v);
                    case "urgent" -> o.urgentCount = Integer.parseInt(v);
                    case "settle" -> o.settleSeconds = Integer.parseInt(v);
                    case "max-in-flight" -> o.maxInFlight = Integer.parseInt(v);
                    default -> usage(a);
                }
            }
            if (o.seconds > 300 || o.warmup > 120 || o.backlog > 200_000 || o.urgentCount > 1000
                    || o.settleSeconds < 0 || o.settleSeconds > 900) {
                usage("bounds: --seconds <= 300, --warmup <= 120, --backlog <= 200000, --urgent <= 1000, --settle <= 900");
            }
            return o;
        }

        private static double[] doubles(String v) {
            return Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        }

        private static void usage(String bad) {
            if (bad != null) {
                System.err.println("bench: not understood: " + bad);
            }
            System.err.println("""
                    usage: ./bench [--quick] [--bootstrap-servers=HOST:PORT] [--base-url=URL] [--greenmail-url=URL|'']
                                   [--scenarios=baseline,steady,saturation,urgent] [--rates=50,200,500]
                                   [--warmup=S] [--seconds=S] [--http-steps=R,..] [--kafka-steps=R,..]
                                   [--backlog=N] [--urgent=N] [--settle=S] [--max-in-flight=N] [--label=TEXT]
                                   [--out=DIR] [--stack-dir=DIR] [--examples=DIR]
                           ./bench --render=docs/benchmarks/pipeline.json   (re-writes .md and .png from a result)""");
            System.exit(bad == null ? 0 : 2);
        }
    }
}
