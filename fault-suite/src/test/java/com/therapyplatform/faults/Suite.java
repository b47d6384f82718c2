package com.therapyplatform.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the suite: the JVM to run, bounded waits, ports, the runtime download. */
final class Suite {

    private Suite() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static boolean portBusy(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. Never a fixed sleep. */
    static void await(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (IllegalStateException e) {
                throw e; // a process died: no point in waiting on
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
            }
            pause(Duration.ofMillis(250));
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[fault-suite %s] %s%n", Instant.now().toString().substring(11, 23), String.format(format, args));
        System.out.flush();
    }

    /**
     * Kafka and GreenMail jars, fetched from Maven Central the way {@code ./stack} does: by running
     * {@code tools/stack/pom.xml} (no Boot parent there, so Kafka keeps its own transitive versions).
     */
    static Path fetchRuntime(SuiteConfig config) throws Exception {
        Path lib = config.work().getParent().resolve("runtime");
        if (Files.exists(lib.resolve(".fetched"))) {
            return lib;
        }
        Files.createDirectories(config.work().resolve("logs"));
        Path log = config.work().resolve("logs/fetch.log");
        String mvnw = config.root().resolve("mvnw").toString();
        Process p = new ProcessBuilder(mvnw, "-B", "-ntp", "-f", "tools/stack/pom.xml", "-Dstack.lib=" + lib,
                "process-resources")
                .directory(config.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("fetching Kafka and GreenMail failed; see " + log);
        }
        Files.writeString(lib.resolve(".fetched"), Instant.now().toString());
        return lib;
    }

    static Path execJar(SuiteConfig config, String service) {
        Path jar = config.root().resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first ("
                    + "./mvnw -B -DskipTests package -pl intake-service,triage-service,matching-service,"
                    + "notification-service -am, or tools/fault-suite which does it)");
        }
        return jar;
    }

    /** Extracts an exec jar once per build (an extracted jar starts markedly faster; see docs/local-stack.md). */
    static Path extracted(SuiteConfig config, String service) throws Exception {
        Path jar = execJar(config, service);
        Path dir = config.work().getParent().resolve("apps/" + service);
        Path stamp = dir.resolve(".extracted");
        if (Files.exists(stamp) && Files.getLastModifiedTime(stamp).equals(Files.getLastModifiedTime(jar))) {
            return thinJar(dir);
        }
        deleteTree(dir);
        Process p = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djarmode=tools",
                "-jar", jar.toString(), "extract", "--destination", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return jar;
        }
        Files.writeString(stamp, "");
        Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(jar));
        return thinJar(dir);
    }

    private static Path thinJar(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one jar in " + dir + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
