package com.therapyplatform.faults;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process the suite started (a broker, a sink, a service instance). Signals go to this process's
 * own PID only: SIGKILL through {@link Process#destroyForcibly()}, SIGTERM through {@link Process#destroy()}.
 * Each start appends to the same log file, so a killed instance's last lines stay next to its restart.
 */
final class Proc {

    final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path dir;
    private final Path log;
    private volatile Process process;
    private int starts;

    Proc(String name, List<String> command, Map<String, String> env, Path dir, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.dir = dir;
        this.log = log;
    }

    synchronized void start() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(dir);
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== start " + (++starts) + " at " + java.time.Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        waitFor(p, Duration.ofSeconds(30));
    }

    /** SIGTERM without waiting (see {@link #stop}). */
    void terminate() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. Returns true when it stopped on SIGTERM. */
    boolean stop(Duration grace) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return true;
        }
        p.destroy();
        if (waitFor(p, grace)) {
            return true;
        }
        p.destroyForcibly();
        waitFor(p, Duration.ofSeconds(30));
        return false;
    }

    Path log() {
        return log;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
