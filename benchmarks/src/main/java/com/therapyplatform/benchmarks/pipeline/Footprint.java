package com.therapyplatform.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and resident memory of the local stack's processes: PIDs from {@code .stack/pids},
 * VmRSS from {@code /proc/PID/status} sampled every second while the scenarios run (peak kept), and
 * Spring Boot's "Started ... in X seconds (process running for Y)" from {@code .stack/logs}.
 */
final class Footprint implements AutoCloseable {

    static final List<String> COMPONENTS = List.of("intake-service", "triage-service", "matching-service",
            "notification-service", "kafka", "greenmail");
    private static final Pattern STARTED = Pattern.compile(
            "Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final Path stackDir;
    private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
    private final Map<String, String> peakDuring = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile String scenario = "idle";
    private volatile boolean running = true;

    Footprint(Path stackDir) {
        this.stackDir = stackDir;
        sampler = new Thread(this::sample, "bench-footprint");
        sampler.setDaemon(true);
        sampler.start();
    }

    boolean available() {
        return Files.isDirectory(stackDir.resolve("pids"));
    }

    void scenario(String name) {
        scenario = name;
    }

    private void sample() {
        while (running) {
            for (String c : COMPONENTS) {
                long kb = rssKb(c);
                if (kb > peakKb.getOrDefault(c, 0L)) {
                    peakKb.put(c, kb);
                    peakDuring.put(c, scenario);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long rssKb(String component) {
        try {
            String pid = Files.readString(stackDir.resolve("pids").resolve(component + ".pid")).trim();
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc", pid, "status")));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Per component: peak RSS (MB), the scenario it was reached in, now, and the start-up seconds. */
    Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String c : COMPONENTS) {
            Map<String, Object> m = new LinkedHashMap<>();
            long peak = peakKb.getOrDefault(c, 0L);
            if (peak == 0) {
                continue;
            }
            m.put("peakRssMb", Stats.round(peak / 1024.0));
            m.put("peakDuring", peakDuring.get(c));
            m.put("rssNowMb", Stats.round(rssKb(c) / 1024.0));
            startup(c).forEach(m::put);
            out.put(c, m);
        }
        return out;
    }

    private Map<String, Object> startup(String component) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            Matcher matcher = STARTED.matcher(Files.readString(stackDir.resolve("logs").resolve(component + ".log")));
            if (matcher.find()) {
                m.put("startedInSeconds", Double.parseDouble(matcher.group(1)));
                m.put("processRunningForSeconds", Double.parseDouble(matcher.group(2)));
            }
        } catch (IOException | RuntimeException e) {
            // no log: not a local stack component
        }
        return m;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
