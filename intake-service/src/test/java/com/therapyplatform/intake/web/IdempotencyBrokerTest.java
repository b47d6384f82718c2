package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.Topics;
import com.therapyplatform.intake.outcome.IntakeOutcome;
import com.therapyplatform.intake.status.StatusTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@IntakeServiceTest
class IdempotencyBrokerTest extends IntakeHttpTestBase {

    @Autowired
    RecordedOutcomes outcomes;

    /** The routine example with a marker in its free text, to find what was published of it. */
    static String markedIntake(String marker) throws Exception {
        return example("intake-routine.json").replace("I would like help rebuilding trust",
                "I would like help rebuilding trust " + marker);
    }

    HttpResponse<String> postWithKey(String body, String key) throws Exception {
        return http.send(submission().header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long publishedWith(String marker) {
        return kafka.readAll(Topics.INTAKE_SUBMITTED,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker), WAIT).size();
    }

    @Test
    void retryWithTheSameKeyGetsTheOriginalAnswerWithAUsableTokenAndPublishesNothingNew() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        int mark = outcomes.mark();

        HttpResponse<String> first = postWithKey(markedIntake(marker), key);
        // a retry may send the key as the IETF draft's structured-field string
        HttpResponse<String> retry = postWithKey(markedIntake(marker), "\"" + key + "\"");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retry.body())).isEqualTo(json(first.body()));
        assertThat(publishedWith(marker)).isEqualTo(1);
        JsonNode body = json(retry.body());
        awaitStatus(new Submitted(body.get("intakeId").asString(), body.get("statusToken").asString()), "RECEIVED");
        assertThat(outcomes.since(mark)).containsExactly(IntakeOutcome.ACCEPTED, IntakeOutcome.REPLAYED);
    }

    @Test
    void neitherTheKeyNorTheTokenIsStoredInTheClear() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> accepted = postWithKey(example("intake-routine.json"), key);
        String intakeId = json(accepted.body()).get("intakeId").asString();
        String token = json(accepted.body()).get("statusToken").asString();

        var records = kafka.readAll(Topics.INTAKE_IDEMPOTENCY_KEYS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(intakeId), WAIT);

        assertThat(records).hasSize(1);
        String stored = records.get(0).key() + new String(records.get(0).value(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain(key).doesNotContain(token).doesNotContain(StatusTokens.hash(token))
                .doesNotContain("Riley");
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndPublishesNothing() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(postWithKey(example("intake-routine.json"), key).statusCode()).isEqualTo(202);
        int mark = outcomes.mark();

        HttpResponse<String> other = postWithKey(markedIntake(marker), key);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(other.body()).get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(publishedWith(marker)).isZero();
        assertThat(outcomes.since(mark)).containsExactly(
                IntakeOutcome.rejected(IntakeOutcome.Reason.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void malformedKeyIs400WithoutEchoingIt() throws Exception {
        for (String key : List.of("short", "has spaces in it, and more than sixteen", "x".repeat(129),
                "ünïcödé-key-0123456789")) {
            HttpResponse<String> response = postWithKey(example("intake-routine.json"), key);

            assertThat(response.statusCode()).as(key).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response.body()).get("type").asString()).endsWith("/invalid-idempotency-key");
            assertThat(response.body()).doesNotContain(key);
        }
    }

    @Test
    void concurrentDuplicatesInFlightArePublishedOnce() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = markedIntake(marker);
        List<Callable<HttpResponse<String>>> duplicates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            duplicates.add(() -> postWithKey(body, key));
        }

        List<HttpResponse<String>> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(duplicates.size());
        try {
            for (Future<HttpResponse<String>> response : pool.invokeAll(duplicates)) {
                responses.add(response.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        assertThat(responses.stream().map(r -> json(r.body())).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()))
                .hasSize(1);
        assertThat(publishedWith(marker)).isEqualTo(1);
    }

    @Test
    void differentKeysMakeDifferentIntakes() throws Exception {
        String marker = "marker-" + UUID.randomUUID();

        String first = json(postWithKey(markedIntake(marker), UUID.randomUUID().toString()).body())
                .get("intakeId").asString();
        String second = json(postWithKey(markedIntake(marker), UUID.randomUUID().toString()).body())
                .get("intakeId").asString();

        assertThat(first).isNotEqualTo(second);
        assertThat(publishedWith(marker)).isEqualTo(2);
    }
}
