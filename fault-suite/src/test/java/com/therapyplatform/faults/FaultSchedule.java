package com.therapyplatform.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults, in three lanes that run side by side while intakes are submitted:
 * <ul>
 *   <li>brokers: SIGKILL the broker leading most partitions of {@code intake.submitted.v1} (found with
 *       the Admin client), restart it a few seconds later, wait until no partition is under-replicated;</li>
 *   <li>service kills: SIGKILL a service instance and restart it at once;</li>
 *   <li>rolling restarts: roll a scaled-out service (SIGTERM, restart, ready; then its second instance).</li>
 * </ul>
 * Faults are spread evenly over the window. Only processes this suite started are signalled, by PID.
 */
final class FaultSchedule {

    static final String KEY_TOPIC = "intake.submitted.v1";

    record Fault(String kind, String target, long pid, long injectedAtMillis, long restartedAtMillis,
            long readyAtMillis, String note) {
    }

    private final KafkaCluster cluster;
    private final Services services;
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final Random random;
    private volatile boolean stopping;
    private final List<Thread> lanes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Map<String, Object> serviceLocks = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

    FaultSchedule(KafkaCluster cluster, Services services, long seed) {
        this.cluster = cluster;
        this.services = services;
        this.random = new Random(seed);
    }

    void start(Duration delay, Duration window, int brokerKills, int serviceKills, int rollingRestarts) {
        long start = System.currentTimeMillis() + delay.toMillis();
        long end = start + window.toMillis();
        Suite.log("fault window: %d s from now, for %d s", delay.toSeconds(), window.toSeconds());
        lanes.add(lane("broker-faults", () -> {
            for (int i = 0; i < brokerKills && !stopping; i++) {
                waitUntil(start + window.toMillis() * i / brokerKills);
                if (stopping || System.currentTimeMillis() > end) {
                    break;
                }
                brokerKill();
            }
        }));
        // service kills: one at each of its evenly spaced moments, on its own thread, so a slow recovery
        // (a restart takes 40-60 s on this machine under load) never pushes later kills out of the window;
        // the victims rotate over six instances, and a service is never hit by two faults at once
        String[] victims = {"triage-1", "matching-2", "notification-1", "triage-2", "matching-1", "intake-1"};
        lanes.add(lane("service-kills", () -> {
            for (int i = 0; i < serviceKills && !stopping; i++) {
                waitUntil(start + window.toMillis() * i / serviceKills + window.toMillis() / (2L * serviceKills));
                if (stopping || System.currentTimeMillis() > end) {
                    break;
                }
                String victim = victims[i % victims.length];
                lanes.add(lane("kill-" + victim, () -> guarded("kill:" + victim, () -> serviceKill(victim))));
            }
        }));
        // rolling restarts: their own lane, alternating between the two scaled-out services
        lanes.add(lane("rolling-restarts", () -> {
            for (int j = 0; j < rollingRestarts && !stopping; j++) {
                waitUntil(start + window.toMillis() * (2L * j + 1) / (2L * rollingRestarts));
                if (stopping || System.currentTimeMillis() > end) {
                    break;
                }
                String service = j % 2 == 0 ? "triage" : "matching";
                guarded("roll:" + service, () -> rollingRestart(service));
            }
        }));
    }

    /** An instance that does not come back is a finding; the schedule goes on. */
    private void guarded(String step, Runnable fault) {
        try {
            fault.run();
        } catch (IllegalStateException e) {
            errors.add(e);
            Suite.log("%s: %s", step, e.getMessage());
        }
    }

    private Thread lane(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                errors.add(e);
                Suite.log("%s failed: %s", name, e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void waitUntil(long millis) {
        while (!stopping && System.currentTimeMillis() < millis) {
            Suite.pause(Duration.ofMillis(Math.min(200, Math.max(1, millis - System.currentTimeMillis()))));
        }
    }

    private void brokerKill() {
        try {
            // one broker fault at a time: the next leader is killed only once every replica is back in sync
            cluster.awaitFullyReplicated(Duration.ofMinutes(3));
        } catch (IllegalStateException e) {
            Suite.log("broker kill skipped: %s", e.getMessage());
            faults.add(new Fault("broker SIGKILL (skipped)", "-", -1, System.currentTimeMillis(),
                    System.currentTimeMillis(), System.currentTimeMillis(), "cluster not fully replicated within 3 min"));
            return;
        }
        int leader;
        try {
            leader = cluster.leaderOf(KEY_TOPIC);
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the leader of " + KEY_TOPIC, e);
        }
        Proc broker = cluster.broker(leader);
        long pid = broker.pid();
        long at = System.currentTimeMillis();
        broker.kill();
        Suite.log("SIGKILL kafka-%d (pid %d), leader of %s", leader, pid, KEY_TOPIC);
        Suite.pause(Duration.ofMillis(2000 + random.nextInt(3000)));
        broker.start();
        long restarted = System.currentTimeMillis();
        String note = "leader of " + KEY_TOPIC;
        try {
            cluster.awaitPort(leader, Duration.ofMinutes(3));
            cluster.awaitFullyReplicated(Duration.ofMinutes(3));
        } catch (IllegalStateException e) {
            note += "; not back in sync within 3 min: " + e.getMessage();
        }
        long ready = System.currentTimeMillis();
        Suite.log("kafka-%d restarted (pid %d); %d ms after the kill: %s", leader, broker.pid(), ready - at, note);
        faults.add(new Fault("broker SIGKILL", "kafka-" + leader, pid, at, restarted, ready, note));
    }

    private void serviceKill(String name) {
        Services.Instance instance = services.get(name);
        synchronized (serviceLock(instance.service())) {
            serviceKill(name, instance);
        }
    }

    /**
     * One fault at a time per service: a kill waits for a rolling restart of the same service (and the
     * reverse), so a scaled-out service always keeps an instance up, as the faults intend.
     */
    private Object serviceLock(String service) {
        return serviceLocks.computeIfAbsent(service, s -> new Object());
    }

    private void serviceKill(String name, Services.Instance instance) {
        long pid = instance.proc().pid();
        long at = System.currentTimeMillis();
        instance.proc().kill();
        Suite.log("SIGKILL %s (pid %d)", name, pid);
        instance.proc().start();
        long restarted = System.currentTimeMillis();
        services.awaitReady(instance, Duration.ofMinutes(6));
        long ready = System.currentTimeMillis();
        Suite.log("%s ready again (pid %d) %d ms after the kill", name, instance.proc().pid(), ready - at);
        faults.add(new Fault("service SIGKILL", name, pid, at, restarted, ready, ""));
    }

    private void rollingRestart(String service) {
        synchronized (serviceLock(services.get(service + "-1").service())) {
            for (String name : List.of(service + "-1", service + "-2")) {
                if (stopping) {
                    return;
                }
                roll(name, services.get(name));
            }
        }
    }

    private void roll(String name, Services.Instance instance) {
        long pid = instance.proc().pid();
        long at = System.currentTimeMillis();
        boolean clean = instance.proc().stop(Duration.ofSeconds(60));
        Suite.log("SIGTERM %s (pid %d): %s", name, pid, clean ? "stopped" : "did not stop in 60 s, SIGKILLed");
        instance.proc().start();
        long restarted = System.currentTimeMillis();
        services.awaitReady(instance, Duration.ofMinutes(6));
        long ready = System.currentTimeMillis();
        Suite.log("%s ready again (pid %d) %d ms after SIGTERM", name, instance.proc().pid(), ready - at);
        faults.add(new Fault("rolling SIGTERM restart", name, pid, at, restarted, ready,
                clean ? "stopped on SIGTERM" : "needed SIGKILL after 60 s"));
    }

    /** Lets the faults in progress finish (everything restarted and ready), starts no new one. */
    void stopAndJoin(Duration timeout) throws InterruptedException {
        stopping = true;
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        for (Thread t : lanes) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    List<Fault> faults() {
        synchronized (faults) {
            return List.copyOf(faults);
        }
    }

    List<Throwable> errors() {
        return List.copyOf(errors);
    }
}
