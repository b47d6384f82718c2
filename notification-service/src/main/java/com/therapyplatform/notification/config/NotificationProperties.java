package com.therapyplatform.notification.config;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.notification.domain.Helpline;
import com.therapyplatform.notification.domain.Language;
import com.therapyplatform.notification.domain.ResourceCatalog;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * notification-service's settings ({@code notification.*} in {@code notification-service.yml}).
 *
 * @param lookupGrace how long an event may wait for the contact, triage or roster entry it needs
 *                    before it is handled without it (see {@code Lookups})
 * @param dedupMemory how long this instance remembers its own sends while the global store catches up
 * @param parallelSends how many intakes each routine lane (receipts, outcomes) sends for at once: the
 *                    threads that wait on the mail server, the SMS API and the audit acknowledgements
 * @param crisisContactWait how long the crisis lane looks again, in place, for an urgent intake's contact
 *                          that the global store has not read yet, before the lane's redelivery back-off
 * @param crisisFirstWait how long a routine message waits, at most, for crisis resources being sent
 *                        before it starts (0: routine messages never wait)
 */
@ConfigurationProperties("notification")
public record NotificationProperties(Mail mail, Links links, @DefaultValue("30s") Duration lookupGrace,
        @DefaultValue("10m") Duration dedupMemory, @DefaultValue("8") int parallelSends,
        @DefaultValue("1s") Duration crisisContactWait, @DefaultValue("1s") Duration crisisFirstWait, Sms sms,
        Resources resources) {

    public record Mail(String from) {
    }

    public record Links(String clientStatus, String clinicianIntake) {
    }

    /** {@code provider}: {@code twilio} (sends through a Twilio-compatible API) or {@code recording} (local stack, demo). */
    public record Sms(String provider, Twilio twilio, @DefaultValue("200") int recordingCapacity) {
    }

    public record Twilio(String baseUrl, String accountSid, String authToken, String from,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
    }

    /**
     * The helpline catalog: resource texts per language ({@code catalog.<id>.<language>.name/how}), and
     * which of them to show: {@code general} in every client message, {@code crisis.<RiskTier>} on an
     * urgent intake, {@code categories.<Category>} by triage category.
     */
    public record Resources(List<String> general, Map<RiskTier, List<String>> crisis,
            Map<Category, List<String>> categories, Map<String, Map<String, Helpline.Text>> catalog) {

        public ResourceCatalog toCatalog() {
            List<Helpline> helplines = catalog.entrySet().stream().map(entry -> {
                Map<Language, Helpline.Text> texts = new EnumMap<>(Language.class);
                entry.getValue().forEach((language, text) -> texts.put(Language.of(language), text));
                return new Helpline(entry.getKey(), texts);
            }).toList();
            return new ResourceCatalog(helplines, general, crisis, categories == null ? Map.of() : categories);
        }
    }
}
