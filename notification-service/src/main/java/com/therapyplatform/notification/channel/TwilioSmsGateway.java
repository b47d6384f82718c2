package com.therapyplatform.notification.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * SMS through a provider with Twilio's request shape: a form POST of {@code To}, {@code From} and
 * {@code Body} to {@code /2010-04-01/Accounts/{sid}/Messages.json} with basic auth (account sid, auth
 * token). 429 and 5xx are transient, as is a provider that cannot be reached; any other 4xx is
 * permanent. Only status codes and the provider's numeric error code are read: its error messages may
 * quote the number.
 *
 * <p>Twilio's API takes no idempotency key, so a text may already be with the provider in two cases: an
 * earlier attempt's outcome was unknown (no answer within the read timeout, the connection lost after the
 * request went out, a 5xx), or the event asking for it is from before this process started (a predecessor
 * may have sent it and crashed before recording it). Before such a text is sent, the provider's message
 * list for that number is read ({@code GET Messages.json?To=&From=}): a message with the same body created
 * since the first uncertain attempt, or since the event, means it went out, and it is not sent again
 * (docs/notification.md, "Once per reason"; docs/reliability.md, finding 2).
 */
public class TwilioSmsGateway implements SmsChannel {

    /** Twilio error codes that mean the number itself can never be reached. */
    private static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21214, 21217, 21401, 21407, 21408, 21610,
            21612, 21614);

    /** Spanish texts need the charset said out loud. */
    private static final MediaType FORM_UTF_8 = new MediaType(MediaType.APPLICATION_FORM_URLENCODED,
            java.nio.charset.StandardCharsets.UTF_8);

    public record Settings(String baseUrl, String accountSid, String authToken, String from, Duration connectTimeout,
            Duration readTimeout) {

        /** Fails at start-up, not at the first message, when the provider is not configured. */
        public Settings {
            require(baseUrl, "base-url");
            require(accountSid, "account-sid");
            require(authToken, "auth-token");
            require(from, "from");
        }

        private static void require(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("notification.sms.twilio." + name + " is not set");
            }
        }
    }

    /** Twilio's largest page: one read covers every message to one number in the window. */
    static final int PAGE_SIZE = 1000;
    /** Tolerance between our clock and the provider's (its timestamps have whole seconds). */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final String UNREACHABLE = "SMS_PROVIDER_UNREACHABLE";

    private final RestClient client;
    private final String from;
    private final String accountSid;
    private final Clock clock;
    /** Events from before this are redelivered ones a predecessor may have handled. */
    private final Instant startedAt;
    /** messageId -> when its first attempt with an unknown outcome started; bounded, and forgotten after a day. */
    private final Cache<String, Instant> uncertain = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    public TwilioSmsGateway(Settings settings, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(settings.readTimeout());
        this.client = RestClient.builder()
                .baseUrl(settings.baseUrl())
                .requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken()))
                .build();
        this.from = settings.from();
        this.accountSid = settings.accountSid();
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public void send(String to, String body, String messageId, Instant causeAt) {
        Instant since = uncertain.getIfPresent(messageId);
        if (causeAt.isBefore(startedAt) && (since == null || causeAt.isBefore(since))) {
            since = causeAt;
        }
        if (since != null && alreadyAccepted(to, body, since)) {
            uncertain.invalidate(messageId);
            return;
        }
        Instant attempt = clock.instant();
        try {
            post(to, body);
        } catch (OutcomeUnknown e) {
            uncertain.asMap().putIfAbsent(messageId, attempt);
            throw e;
        }
        uncertain.invalidate(messageId);
    }

    /** A transient failure after which the provider may have accepted the message. */
    static final class OutcomeUnknown extends TransientFailure {

        OutcomeUnknown(String reasonCode) {
            super(reasonCode);
        }
    }

    private void post(String to, String body) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        form.add("From", from);
        form.add("Body", body);
        try {
            client.post()
                    .uri("/2010-04-01/Accounts/{sid}/Messages.json", accountSid)
                    .contentType(FORM_UTF_8)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (status.is2xxSuccessful()) {
                            return null;
                        }
                        throw failure(status.value(), status.is4xxClientError() ? errorCode(response.getBody()) : -1);
                    });
        } catch (ResourceAccessException e) {
            // refused, or not connected in time: the request never went out. Anything later (a read timeout, a
            // reset after the request was written) leaves the outcome unknown
            boolean notConnected = e.getCause() instanceof java.net.ConnectException
                    || e.getCause() instanceof java.net.http.HttpConnectTimeoutException;
            throw notConnected ? new TransientFailure(UNREACHABLE) : new OutcomeUnknown(UNREACHABLE);
        }
    }

    /**
     * Whether the provider holds a message to {@code to} with this body created since {@code since} (less the
     * clock skew). A failure to read the list is transient: nothing is sent until it can be read.
     */
    private boolean alreadyAccepted(String to, String body, Instant since) {
        Instant from = since.minus(CLOCK_SKEW);
        try {
            JsonNode page = client.get()
                    .uri(uri -> uri.path("/2010-04-01/Accounts/{sid}/Messages.json")
                            .queryParam("To", "{to}").queryParam("From", "{from}").queryParam("PageSize", PAGE_SIZE)
                            .build(accountSid, to, this.from))
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new TransientFailure("SMS_PROVIDER_LIST_UNAVAILABLE");
                        }
                        return EventJson.mapper().readTree(response.getBody());
                    });
            for (JsonNode message : page.path("messages")) {
                if (body.equals(message.path("body").asString(null)) && createdAtOrAfter(message, from)) {
                    return true;
                }
            }
            return false;
        } catch (ResourceAccessException | tools.jackson.core.JacksonException e) {
            throw new TransientFailure("SMS_PROVIDER_LIST_UNAVAILABLE");
        }
    }

    private static boolean createdAtOrAfter(JsonNode message, Instant from) {
        String created = message.path("date_created").asString(null);
        try {
            return created != null && !Instant.from(TWILIO_DATE.parse(created)).isBefore(from);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    static RuntimeException failure(int status, int providerCode) {
        if (status == 429) {
            return new TransientFailure("SMS_PROVIDER_RATE_LIMITED");
        }
        if (status >= 500) {
            // a gateway in front of the provider may answer 502/504 after the provider took the message
            return new OutcomeUnknown("SMS_PROVIDER_UNAVAILABLE");
        }
        if (status == 401 || status == 403) {
            return new UndeliverableMessage("SMS_PROVIDER_AUTH_REFUSED");
        }
        if (INVALID_NUMBER.contains(providerCode)) {
            return new UndeliverableMessage("SMS_NUMBER_INVALID");
        }
        if (status >= 400 && status < 500) {
            return new UndeliverableMessage("SMS_REJECTED");
        }
        return new OutcomeUnknown("SMS_PROVIDER_UNEXPECTED_STATUS");
    }

    /** Twilio's numeric error code from its JSON error body, or -1. */
    private static int errorCode(java.io.InputStream body) {
        try {
            JsonNode error = EventJson.mapper().readTree(body);
            return error == null ? -1 : error.path("code").asInt(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
