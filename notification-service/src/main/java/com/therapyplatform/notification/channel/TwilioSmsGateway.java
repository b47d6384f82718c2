package com.therapyplatform.notification.channel;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.platform.kafka.TransientFailure;
import java.net.http.HttpClient;
import java.time.Duration;
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

    private final RestClient client;
    private final String from;
    private final String accountSid;

    public TwilioSmsGateway(Settings settings) {
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
    }

    @Override
    public void send(String to, String body) {
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
            throw new TransientFailure("SMS_PROVIDER_UNREACHABLE");
        }
    }

    static RuntimeException failure(int status, int providerCode) {
        if (status == 429) {
            return new TransientFailure("SMS_PROVIDER_RATE_LIMITED");
        }
        if (status >= 500) {
            return new TransientFailure("SMS_PROVIDER_UNAVAILABLE");
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
        return new TransientFailure("SMS_PROVIDER_UNEXPECTED_STATUS");
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
