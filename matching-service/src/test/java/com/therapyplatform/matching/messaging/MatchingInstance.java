package com.therapyplatform.matching.messaging;

import static org.awaitility.Awaitility.await;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.MatchingServiceApplication;
import com.therapyplatform.testsupport.KafkaBrokerContextCustomizerFactory;
import com.therapyplatform.testsupport.KafkaTestBroker;
import com.therapyplatform.testsupport.TestCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running matching-service on the test broker, started like the real one (its own configuration
 * file, a random HTTP port, its own state directory), so a test can run two at once or restart one.
 */
public final class MatchingInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final int port;

    private MatchingInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Starts an instance with a fresh state directory: its stores are restored from their changelogs. */
    public static MatchingInstance start(String... extraArguments) {
        Map<String, Object> properties = new HashMap<>(
                KafkaBrokerContextCustomizerFactory.brokerProperties(KafkaTestBroker.bootstrapServers()));
        properties.put("server.port", "0");
        properties.putAll(TestCredentials.properties());
        properties.put("INSTANCE_ID", "test-" + UUID.randomUUID());
        properties.put("matching.streams.state-dir", tempDir());
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        String[] all = new String[arguments.length + extraArguments.length];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        System.arraycopy(extraArguments, 0, all, arguments.length, extraArguments.length);
        MatchingInstance instance = new MatchingInstance(MatchingServiceApplication.builder().run(all));
        await().atMost(Duration.ofSeconds(60)).until(instance.streams()::running);
        return instance;
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("matching-state-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public MatchingStreams streams() {
        return context.getBean(MatchingStreams.class);
    }

    public MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    /** A request to the roster admin API as staff. */
    public HttpResponse<String> http(String method, String path, String jsonBody) {
        return http(method, path, jsonBody, TestCredentials.staffAuthorization());
    }

    /** A request with the given Authorization header value, or none when null. */
    public HttpResponse<String> http(String method, String path, String jsonBody, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Puts the clinician on the roster through the admin API and waits until this instance sees it. */
    public void putClinician(ClinicianProfile profile) {
        HttpResponse<String> response = http("PUT", "/api/v1/clinicians/" + profile.id(),
                new String(EventJson.writeValue(profile)));
        if (response.statusCode() != 202) {
            throw new AssertionError("PUT clinician answered " + response.statusCode() + ": " + response.body());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> profile.equals(streams().clinician(profile.id())
                .orElse(null)));
    }

    public void release(String clinicianId, String intakeId) {
        HttpResponse<String> response = http("POST", "/api/v1/clinicians/" + clinicianId + "/releases",
                "{\"intakeId\":\"" + intakeId + "\"}");
        if (response.statusCode() != 202) {
            throw new AssertionError("release answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() {
        context.close();
    }

}
