package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.intake.outcome.IntakeOutcome;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Rate limit, size bound, method and path errors, malformed input, OpenAPI and CORS of the public API. */
@IntakeServiceTest
class PublicApiGuardsBrokerTest extends IntakeHttpTestBase {

    private static final int MAX_BODY = 64 * 1024;

    @Autowired
    RecordedOutcomes outcomes;

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code {}} is refused after the rate limit has counted it: cheap requests that use up a bucket. */
    HttpResponse<String> emptySubmission(String host, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/v1/intakes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request.build());
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void clientBehindATrustedProxyIsLimitedByItsForwardedAddressWith429AndRetryAfter() throws Exception {
        String client = "203.0.113.7";
        for (int i = 0; i < IntakeServiceTest.RATE_LIMIT; i++) {
            assertThat(emptySubmission("127.0.0.1", client).statusCode()).isEqualTo(400);
        }
        int mark = outcomes.mark();

        // the proxy appends the address it saw; what the client wrote before it is not believed
        HttpResponse<String> limited = emptySubmission("127.0.0.1", "10.9.9.9, " + client);

        assertProblem(limited, 429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L / IntakeServiceTest.RATE_LIMIT);
        assertThat(outcomes.since(mark)).containsExactly(IntakeOutcome.rejected(IntakeOutcome.Reason.RATE_LIMITED));
        // another client behind the same proxy has a bucket of its own
        assertThat(emptySubmission("127.0.0.1", "203.0.113.8").statusCode()).isEqualTo(400);
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        // ::1 is not a trusted proxy here: every request counts against ::1, whatever it claims to forward
        for (int i = 0; i < IntakeServiceTest.RATE_LIMIT; i++) {
            assertThat(emptySubmission("[::1]", randomClient()).statusCode()).isEqualTo(400);
        }

        assertProblem(emptySubmission("[::1]", randomClient()), 429);
    }

    @Test
    void bodyOverTheBoundIs413WithOrWithoutAContentLength() throws Exception {
        String tooLarge = "{\"freeText\": \"" + "x".repeat(MAX_BODY) + "\"}";
        int mark = outcomes.mark();

        HttpResponse<String> withLength = send(submission().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tooLarge)).build());
        HttpResponse<String> chunked = send(submission().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(tooLarge.getBytes(StandardCharsets.UTF_8)))).build());

        assertProblem(withLength, 413);
        assertProblem(chunked, 413);
        assertThat(withLength.body()).doesNotContain("xxxx");
        assertThat(outcomes.since(mark)).containsOnly(IntakeOutcome.rejected(IntakeOutcome.Reason.PAYLOAD_TOO_LARGE));
        // just under the bound is read and validated as usual
        String padded = example("intake-routine.json").replace("\"questionnaire\"",
                "\"" + "p".repeat(MAX_BODY - 2_000) + "\": 1, \"questionnaire\"");
        assertThat(post(padded, "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void wrongMethodIs405AndUnknownPathIs404AsProblems() throws Exception {
        HttpResponse<String> put = send(submission().header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/questionnaire")).DELETE().build());
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/intakes/some/thing/else")).GET().build());
        HttpResponse<String> unknownApi = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v2/intakes")).GET().build());

        assertProblem(put, 405);
        assertThat(put.headers().firstValue("Allow").orElseThrow()).contains("POST");
        assertProblem(delete, 405);
        assertProblem(unknown, 404);
        assertProblem(unknownApi, 404);
    }

    @Test
    void wrongContentTypeIs415AndCountedAsSuch() throws Exception {
        int mark = outcomes.mark();

        assertProblem(post("<intake/>", "application/xml"), 415);
        assertThat(outcomes.since(mark)).containsExactly(
                IntakeOutcome.rejected(IntakeOutcome.Reason.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void malformedBodiesAre400NeverAServerError() throws Exception {
        List<String> bodies = List.of("", "null", "[]", "\"intake\"", "42", "{", "{\"questionnaire\": }",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
                "{\"about\": {\"age\": 1e999999}}", "{\"about\": {\"age\": 99999999999999999999999}}",
                "{\"answers\": {\"phq9.1\": null}}", "{\"concerns\": [null]}", "{\"answers\": null}",
                "{\"questionnaire\": null, \"about\": null, \"contact\": null, \"preferences\": null}",
                "{\"\\u0000\": 1}");
        for (String body : bodies) {
            HttpResponse<String> response = post(body, "application/json");
            assertThat(response.statusCode()).as(body.length() > 60 ? body.substring(0, 60) : body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        HttpResponse<String> invalidUtf8 = send(submission().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':',
                        '1', '}'})).build());
        assertThat(invalidUtf8.statusCode()).isEqualTo(400);
    }

    /** Every field of the example, in turn, replaced by null, a string, a number, an array, an object: never a 5xx. */
    @Test
    void everyFieldReplacedByAnyJsonTypeIsAnsweredWithoutAServerError() throws Exception {
        ObjectNode example = (ObjectNode) json(example("intake-routine.json"));
        List<List<String>> paths = new ArrayList<>();
        collectPaths(example, new ArrayList<>(), paths);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> replacements = List.of(nodes.nullNode(), nodes.stringNode("x"), nodes.numberNode(-1),
                nodes.arrayNode(), nodes.objectNode());
        int requests = 0;
        for (List<String> path : paths) {
            for (JsonNode replacement : replacements) {
                ObjectNode mutated = example.deepCopy();
                replace(mutated, path, replacement);
                HttpResponse<String> response = post(mutated.toString(), "application/json");
                requests++;
                assertThat(response.statusCode()).as("%s = %s", String.join("/", path), replacement)
                        .isIn(202, 400);
            }
        }
        assertThat(requests).isGreaterThan(100);
    }

    /** Every field, and one answer per instrument (answers share one type; their ranges are tested elsewhere). */
    private static void collectPaths(JsonNode node, List<String> prefix, List<List<String>> paths) {
        if (prefix.size() == 2 && prefix.get(0).equals("answers") && paths.stream().anyMatch(path -> path.size() == 2
                && path.get(0).equals("answers")
                && path.get(1).split("\\.")[0].equals(prefix.get(1).split("\\.")[0]))) {
            return;
        }
        if (!prefix.isEmpty()) {
            paths.add(List.copyOf(prefix));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                prefix.add(field.getKey());
                collectPaths(field.getValue(), prefix, paths);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    private static void replace(ObjectNode root, List<String> path, JsonNode value) {
        ObjectNode parent = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = (ObjectNode) parent.get(segment);
        }
        parent.set(path.get(path.size() - 1), value);
    }

    @Test
    void openApiDocumentDescribesTheEndpointsHeadersAndProblems() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v3/api-docs")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response.body()).get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/intakes", "/api/v1/intakes/{intakeId}",
                "/api/v1/questionnaire");
        JsonNode submit = paths.get("/api/v1/intakes").get("post");
        assertThat(submit.get("parameters").findValuesAsString("name")).contains("Idempotency-Key");
        assertThat(submit.get("responses").propertyNames()).contains("202", "400", "413", "415", "422", "429", "503");
        assertThat(submit.get("responses").get("429").get("content").propertyNames())
                .containsExactly("application/problem+json");
        assertThat(submit.get("responses").get("503").get("headers").propertyNames()).contains("Retry-After");
        JsonNode status = paths.get("/api/v1/intakes/{intakeId}").get("get");
        assertThat(status.get("parameters").findValuesAsString("name")).contains("X-Status-Token", "waitSeconds");
        assertThat(status.get("responses").propertyNames()).contains("200", "404");
    }

    @Test
    void swaggerUiIsServedFromThisServiceWithoutExternalRequests() throws Exception {
        HttpResponse<String> ui = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/swagger-ui/index.html")).GET().build());
        HttpResponse<String> config = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/v3/api-docs/swagger-config")).GET().build());
        HttpResponse<String> entry = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/swagger-ui.html")).GET().build());

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js").doesNotContain("src=\"http", "href=\"http");
        assertThat(config.statusCode()).isEqualTo(200);
        // the only absolute address is this service's own (Swagger UI's OAuth2 redirect page)
        assertThat(config.body().replace("http://localhost:" + port + "/", "/")).contains("/v3/api-docs")
                .doesNotContain("http://", "https://");
        assertThat(entry.statusCode()).isEqualTo(302);
        assertThat(entry.headers().firstValue("Location").orElseThrow()).endsWith("/swagger-ui/index.html");
    }

    HttpResponse<String> preflight(String origin) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/intakes"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key").build());
    }

    @Test
    void preflightFromTheConfiguredFormOriginIsAllowedAndFromAnyOtherRefused() throws Exception {
        HttpResponse<String> allowed = preflight(IntakeServiceTest.FORM_ORIGIN);
        HttpResponse<String> refused = preflight("https://evil.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(IntakeServiceTest.FORM_ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("idempotency-key");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
