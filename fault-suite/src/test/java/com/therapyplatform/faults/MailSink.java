package com.therapyplatform.faults;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GreenMail standalone (from Maven Central, as {@code ./stack} runs it) as the SMTP server: SMTP on
 * 127.0.0.1:13025, its HTTP API on 18190. Every message that reaches it is kept, duplicates included,
 * so the checker counts deliveries per (recipient, Message-ID).
 */
final class MailSink implements AutoCloseable {

    static final int SMTP_PORT = 13025;
    static final int API_PORT = 18190;

    record Mail(String recipient, String messageId) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Proc proc;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    MailSink(SuiteConfig config, Path lib) throws Exception {
        Path jar;
        try (var files = Files.list(lib)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("greenmail-standalone")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no greenmail-standalone jar in " + lib));
        }
        proc = new Proc("greenmail", List.of(Suite.java(), "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dfault.suite=" + config.work(), "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + SMTP_PORT, "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + API_PORT, "-jar", jar.toString()),
                Map.of(), config.work().resolve("greenmail"), config.work().resolve("logs/greenmail.log"));
    }

    void start(Duration timeout) {
        if (Suite.portBusy(SMTP_PORT) || Suite.portBusy(API_PORT)) {
            throw new IllegalStateException("port " + SMTP_PORT + " or " + API_PORT + " is in use");
        }
        proc.start();
        Suite.await("GreenMail ready", timeout, () -> {
            if (!proc.alive()) {
                throw new IllegalStateException("GreenMail exited:\n" + proc.tail(30));
            }
            return get("/api/service/readiness").statusCode() == 200;
        });
    }

    /** Every message in every mailbox: one entry per delivery. */
    List<Mail> all() throws Exception {
        JsonNode users = JSON.readTree(get("/api/user").body());
        List<CompletableFuture<List<Mail>>> pending = new ArrayList<>();
        Semaphore parallel = new Semaphore(8);
        for (JsonNode user : users) {
            String email = user.path("email").asString();
            parallel.acquire();
            pending.add(http.sendAsync(request("/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                            + "/messages/INBOX"), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> parallel.release())
                    .thenApply(r -> {
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("GreenMail answered " + r.statusCode() + " for a mailbox");
                        }
                        List<Mail> mails = new ArrayList<>();
                        for (JsonNode m : JSON.readTree(r.body())) {
                            mails.add(new Mail(email, m.path("Message-ID").asString("")));
                        }
                        return mails;
                    }));
        }
        List<Mail> all = new ArrayList<>();
        for (CompletableFuture<List<Mail>> f : pending) {
            all.addAll(f.join());
        }
        return all;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + API_PORT + path))
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    @Override
    public void close() {
        proc.stop(Duration.ofSeconds(10));
    }
}
