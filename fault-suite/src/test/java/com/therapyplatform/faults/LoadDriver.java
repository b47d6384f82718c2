package com.therapyplatform.faults;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits intakes over HTTP at a fixed rate, like people filling in the form: mostly routine intakes in
 * eight states, one in ten urgent (PHQ-9 item 9 above 0, Texas), one in fifty invalid (a minor: always
 * refused). Each asks for e-mail, SMS or both; every submission has its own e-mail address and mobile
 * number, so whatever the platform does for it can be traced back to it, accepted or not.
 */
final class LoadDriver {

    enum Kind { ROUTINE, URGENT, INVALID }

    /** What the client saw. UNREACHABLE: no connection, so nothing was sent; INDETERMINATE: sent, no answer. */
    enum Outcome { ACCEPTED, REFUSED, UNREACHABLE, INDETERMINATE }

    record Submission(int seq, Kind kind, boolean emailConsent, boolean smsConsent, String email, String mobile,
            long sentAtMillis, long answeredAtMillis, Outcome outcome, int status, String intakeId) {
    }

    private static final String[] STATES = {"CA", "NY", "TX", "FL", "WA", "IL", "AZ", "GA"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int ATTEMPTS = 6;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final int port;
    private final long seed;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8))
            .build();
    private final List<CompletableFuture<Submission>> pending = new ArrayList<>();
    private int next;

    LoadDriver(int port, long seed) {
        this.port = port;
        this.seed = seed;
        this.random = new Random(seed);
    }

    static String email(int seq) {
        return "client-" + seq + "@fault-suite.example";
    }

    static String mobile(int seq) {
        return String.format("+1555%07d", seq);
    }

    /** Submits at {@code rate} per second for {@code duration}; returns when the last one is sent. */
    void drive(int rate, Duration duration, java.util.function.BooleanSupplier keepGoing) {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        long total = duration.toSeconds() * rate;
        for (long i = 0; i < total && keepGoing.getAsBoolean(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Suite.pause(Duration.ofNanos(wait));
            }
            submitOne();
        }
    }

    /** Submits one intake of a random kind (used for the handful of the no-fault smoke run as well). */
    CompletableFuture<Submission> submitOne() {
        int seq = ++next;
        int r = random.nextInt(100);
        Kind kind = r < 2 ? Kind.INVALID : r < 12 ? Kind.URGENT : Kind.ROUTINE;
        int c = random.nextInt(10);
        boolean emailConsent = c < 7;
        boolean smsConsent = c >= 4;
        String state = kind == Kind.URGENT ? "TX" : STATES[random.nextInt(STATES.length)];
        String body = body(kind, state, email(seq), mobile(seq), emailConsent, smsConsent);
        long sentAt = System.currentTimeMillis();
        // like the web form: one Idempotency-Key per intake, kept for every retry of it; and one client address
        // per person, passed on by a trusted proxy (the suite is many people behind one loopback address)
        String key = "fault-suite-" + seed + "-" + seq;
        String client = "10." + (seq >> 16 & 0xff) + "." + (seq >> 8 & 0xff) + "." + (seq & 0xff);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/intakes"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Submission> f = attempt(request, 1, sent).handle((response, error) -> {
                    long answeredAt = System.currentTimeMillis();
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        // unreachable only if no attempt ever got through: an earlier one may have committed
                        Outcome outcome = cause instanceof ConnectException && !sent.get() ? Outcome.UNREACHABLE
                                : Outcome.INDETERMINATE;
                        return new Submission(seq, kind, emailConsent, smsConsent, email(seq), mobile(seq), sentAt,
                                answeredAt, outcome, -1, null);
                    }
                    if (response.statusCode() == 202) {
                        String intakeId = JSON.readTree(response.body()).path("intakeId").asString(null);
                        return new Submission(seq, kind, emailConsent, smsConsent, email(seq), mobile(seq), sentAt,
                                answeredAt, Outcome.ACCEPTED, 202, intakeId);
                    }
                    // a 503 means "outcome unknown" (a timed-out commit may still complete); only a 4xx is a refusal
                    Outcome outcome = response.statusCode() >= 500 ? Outcome.INDETERMINATE : Outcome.REFUSED;
                    return new Submission(seq, kind, emailConsent, smsConsent, email(seq), mobile(seq), sentAt,
                            answeredAt, outcome, response.statusCode(), null);
                });
        synchronized (pending) {
            pending.add(f);
        }
        return f;
    }

    /**
     * Sends, and resends with the same Idempotency-Key after a 503 or a lost answer, as the web form does: up to
     * {@link #ATTEMPTS} attempts, {@link #RETRY_DELAY} apart. A connection refused on the first attempt is final
     * (nothing was sent); after an attempt that got through ({@code sent}), it is retried like a lost answer.
     */
    private CompletableFuture<HttpResponse<String>> attempt(HttpRequest request, int n,
            java.util.concurrent.atomic.AtomicBoolean sent) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    boolean refused = error != null && cause instanceof ConnectException;
                    if (error == null || !refused) {
                        sent.set(true);
                    }
                    boolean unknown = error != null ? !refused || sent.get() : response.statusCode() == 503;
                    if (!unknown || n >= ATTEMPTS) {
                        return error != null ? CompletableFuture.<HttpResponse<String>>failedFuture(cause)
                                : CompletableFuture.completedFuture(response);
                    }
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(request, n + 1, sent));
                })
                .thenCompose(x -> x);
    }

    /** Every submission, once all have been answered (or timed out). */
    List<Submission> results() {
        List<CompletableFuture<Submission>> all;
        synchronized (pending) {
            all = List.copyOf(pending);
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private static String body(Kind kind, String state, String email, String mobile, boolean emailConsent,
            boolean smsConsent) {
        int age = kind == Kind.INVALID ? 16 : 34;
        String answers = kind == Kind.URGENT
                ? "\"phq9.1\": 2, \"phq9.2\": 3, \"phq9.3\": 2, \"phq9.4\": 2, \"phq9.5\": 1, \"phq9.6\": 2, \"phq9.7\": 1,"
                        + " \"phq9.8\": 1, \"phq9.9\": 2,"
                        + " \"gad7.1\": 2, \"gad7.2\": 2, \"gad7.3\": 1, \"gad7.4\": 2, \"gad7.5\": 1, \"gad7.6\": 1, \"gad7.7\": 2,"
                        + " \"asq.1\": 1, \"asq.2\": 0, \"asq.3\": 0, \"asq.4\": 0, \"asq.5\": 0,"
                        + " \"auditc.1\": 2, \"auditc.2\": 1, \"auditc.3\": 0,"
                        + " \"cageaid.1\": 0, \"cageaid.2\": 0, \"cageaid.3\": 0, \"cageaid.4\": 0,"
                        + " \"rgpts_b.1\": 1, \"rgpts_b.2\": 1, \"rgpts_b.3\": 0, \"rgpts_b.4\": 0, \"rgpts_b.5\": 1,"
                        + " \"rgpts_b.6\": 0, \"rgpts_b.7\": 0, \"rgpts_b.8\": 0, \"rgpts_b.9\": 0, \"rgpts_b.10\": 0,"
                        + " \"relationship.partner\": 0"
                : "\"phq9.1\": 1, \"phq9.2\": 1, \"phq9.3\": 2, \"phq9.4\": 1, \"phq9.5\": 0, \"phq9.6\": 1, \"phq9.7\": 0,"
                        + " \"phq9.8\": 0, \"phq9.9\": 0,"
                        + " \"asq.1\": 0, \"asq.2\": 0, \"asq.3\": 0, \"asq.4\": 0,"
                        + " \"auditc.1\": 1, \"auditc.2\": 0, \"auditc.3\": 0,"
                        + " \"cageaid.1\": 0, \"cageaid.2\": 0, \"cageaid.3\": 0, \"cageaid.4\": 0,"
                        + " \"rgpts_b.1\": 1, \"rgpts_b.2\": 0, \"rgpts_b.3\": 0, \"rgpts_b.4\": 0, \"rgpts_b.5\": 0,"
                        + " \"rgpts_b.6\": 0, \"rgpts_b.7\": 0, \"rgpts_b.8\": 0, \"rgpts_b.9\": 0, \"rgpts_b.10\": 0,"
                        + " \"relationship.partner\": 1, \"csi4.1\": 3, \"csi4.2\": 3, \"csi4.3\": 3, \"csi4.4\": 3";
        String concerns = kind == Kind.URGENT ? "[\"FEELING_EMPTY_OR_NUMB\"]" : "[\"PARTNER_RELATIONSHIP\", \"REBUILDING_TRUST\"]";
        String freeText = kind == Kind.URGENT ? "Most days I feel like nothing will get better."
                : "We have been arguing a lot since the move.";
        return "{\"questionnaire\": {\"id\": \"adult-intake\", \"version\": 1},"
                + " \"about\": {\"age\": " + age + ", \"state\": \"" + state + "\", \"language\": \"en\", \"sex\": \"FEMALE\"},"
                + " \"concerns\": " + concerns + ","
                + " \"answers\": {" + answers + "},"
                + " \"freeText\": \"" + freeText + "\","
                + " \"preferences\": {\"modality\": \"VIDEO\", \"clinicianGender\": \"NO_PREFERENCE\", \"availability\": [\"WEEKDAY_EVENING\"]},"
                + " \"contact\": {\"name\": \"Fault Suite\", \"email\": \"" + email + "\", \"mobile\": \"" + mobile + "\","
                + " \"consent\": {\"email\": " + emailConsent + ", \"sms\": " + smsConsent + "},"
                + " \"safeToLeaveMessages\": true}}";
    }
}
