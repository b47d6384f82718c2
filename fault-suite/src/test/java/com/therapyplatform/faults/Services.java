package com.therapyplatform.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services as processes from their exec jars: one intake-service, two triage-service and two
 * matching-service instances (distinct {@code INSTANCE_ID}, state directory and port), one
 * notification-service, all against the three brokers, provisioning topics with replication factor 3
 * and min ISR 2. API ports 18080-18085; Actuator on management ports 100 above them (18180-18185), so that a
 * readiness probe never waits for a request thread behind the driver's submissions.
 */
final class Services implements AutoCloseable {

    record Instance(String name, String service, int port, Proc proc) {

        int managementPort() {
            return port + MANAGEMENT_PORT_OFFSET;
        }
    }

    static final int MANAGEMENT_PORT_OFFSET = 100;

    private final SuiteConfig config;
    private final String bootstrap;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Services(SuiteConfig config, String bootstrap) throws Exception {
        this.config = config;
        this.bootstrap = bootstrap;
        add("intake-1", "intake-service", 18080);
        add("triage-1", "triage-service", 18081);
        add("triage-2", "triage-service", 18082);
        add("matching-1", "matching-service", 18083);
        add("matching-2", "matching-service", 18084);
        add("notification-1", "notification-service", 18085);
    }

    private void add(String name, String service, int port) throws Exception {
        Path jar = Suite.extracted(config, service);
        Path run = config.work().resolve("run/" + name);
        Path state = run.resolve("state");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(port + MANAGEMENT_PORT_OFFSET));
        env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        env.put("INSTANCE_ID", name);
        env.put("INTAKE_STATE_DIR", state.toString());
        env.put("MATCHING_STATE_DIR", state.toString());
        env.put("NOTIFICATION_STATE_DIR", state.toString());
        env.put("PLATFORM_OPS_USERNAME", "ops");
        env.put("PLATFORM_OPS_PASSWORD", "ops-local-only");
        env.put("PLATFORM_STAFF_USERNAME", "staff");
        env.put("PLATFORM_STAFF_PASSWORD", "staff-local-only");
        if (service.equals("intake-service")) {
            // the driver is many people behind one loopback address: it names each in X-Forwarded-For
            env.put("INTAKE_TRUSTED_PROXIES", "127.0.0.1");
        }
        if (service.equals("matching-service")) {
            env.put("SPRING_PROFILES_ACTIVE", "local"); // the seed roster (42 clinicians, on-call cover in 8 states)
        }
        if (service.equals("notification-service")) {
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", Integer.toString(MailSink.SMTP_PORT));
            // the Twilio-shaped client, pointed at the suite's own SMS sink (not the recording sink of the local profile)
            env.put("SMS_PROVIDER", "twilio");
            env.put("SMS_API_BASE_URL", "http://127.0.0.1:" + SmsSink.PORT);
            env.put("TWILIO_ACCOUNT_SID", "ACfaultsuite");
            env.put("TWILIO_AUTH_TOKEN", "fault-suite-local-only");
            env.put("SMS_FROM_NUMBER", "+15555550100");
        }
        List<String> command = new ArrayList<>(List.of(Suite.java(), "-Dfault.suite=" + config.work(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Djava.io.tmpdir=" + run.resolve("tmp"), "-jar", jar.toString(),
                "--platform.kafka.topics.replication-factor=3",
                "--platform.kafka.topics.min-insync-replicas=2"));
        java.nio.file.Files.createDirectories(run.resolve("tmp"));
        Proc proc = new Proc(name, command, env, run, config.work().resolve("logs/" + name + ".log"));
        instances.put(name, new Instance(name, service, port, proc));
    }

    List<Instance> all() {
        return List.copyOf(instances.values());
    }

    Instance get(String name) {
        return instances.get(name);
    }

    int intakePort() {
        return instances.get("intake-1").port();
    }

    /** Starts every instance at once and waits until each is ready. */
    void startAll(Duration timeout) {
        for (Instance i : instances.values()) {
            for (int port : new int[] {i.port(), i.managementPort()}) {
                if (Suite.portBusy(port)) {
                    throw new IllegalStateException("port " + port + " is in use (for " + i.name() + ")");
                }
            }
        }
        for (Instance i : instances.values()) {
            i.proc().start();
        }
        for (Instance i : instances.values()) {
            awaitReady(i, timeout);
        }
    }

    void awaitReady(Instance i, Duration timeout) {
        Suite.await(i.name() + " ready", timeout, () -> {
            if (!i.proc().alive()) {
                throw new IllegalStateException(i.name() + " exited:\n" + i.proc().tail(40));
            }
            return ready(i);
        });
    }

    boolean ready(Instance i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + i.managementPort() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (Exception e) {
            return false;
        }
    }

    /** SIGTERM to every notification-service instance, and wait until they are gone: nothing is sent after this. */
    void stopSenders() {
        instances.values().stream().filter(i -> i.service().equals("notification-service"))
                .forEach(i -> i.proc().stop(Duration.ofSeconds(30)));
    }

    @Override
    public void close() {
        // all at once: they leave their groups while the brokers are still up
        instances.values().forEach(i -> i.proc().terminate());
        for (Instance i : instances.values()) {
            i.proc().stop(Duration.ofSeconds(30));
        }
    }
}
