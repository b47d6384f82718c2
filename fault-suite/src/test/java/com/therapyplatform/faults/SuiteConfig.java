package com.therapyplatform.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What one run does, from system properties (Maven passes {@code -Dfault.*}). The fault schedule scales
 * with the drive: the long run (10 minutes) kills the partition leader's broker 20 times, service
 * instances 10 times, and rolls both scaled-out services 4 times.
 */
record SuiteConfig(Path root, Path work, Duration drive, int rate, long seed, int brokerKills, int serviceKills,
        int rollingRestarts, boolean faults, Duration quiescenceTimeout) {

    static final Duration LONG_RUN = Duration.ofMinutes(10);

    static SuiteConfig fromSystemProperties() {
        Path root = Path.of(System.getProperty("fault.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("fault.work", "target/fault-suite")).toAbsolutePath().normalize();
        Duration drive = duration(System.getProperty("fault.duration", "3m"));
        // 10/s, not the 50/s: on two cores with three brokers and six instances, matching's routine
        // application falls behind under the faults above ~20/s (docs/reliability.md, "The rate")
        int rate = Integer.parseInt(System.getProperty("fault.rate", "10"));
        long seed = Long.parseLong(System.getProperty("fault.seed", "20261127"));
        double scale = (double) drive.toMillis() / LONG_RUN.toMillis();
        int brokerKills = intProperty("fault.brokerKills", Math.max(1, (int) Math.round(20 * scale)));
        int serviceKills = intProperty("fault.serviceKills", Math.max(1, (int) Math.round(10 * scale)));
        int rolling = intProperty("fault.rollingRestarts", Math.max(1, (int) Math.round(4 * scale)));
        boolean faults = Boolean.parseBoolean(System.getProperty("fault.faults", "true"));
        Duration quiescence = duration(System.getProperty("fault.quiescenceTimeout", "180s"));
        return new SuiteConfig(root, work, drive, rate, seed, brokerKills, serviceKills, rolling, faults, quiescence);
    }

    /** {@code 150s}, {@code 3m}, {@code 10m} or ISO-8601 ({@code PT3M}). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text.trim());
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
            case 's':
                return Duration.ofSeconds(n);
            case 'm':
                return Duration.ofMinutes(n);
            case 'h':
                return Duration.ofHours(n);
            default:
                return Duration.ofSeconds(Long.parseLong(t));
        }
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
