package com.therapyplatform.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.notification.domain.Delivery;
import com.therapyplatform.notification.domain.Helpline;
import com.therapyplatform.notification.domain.Links;
import com.therapyplatform.notification.domain.MessageContent;
import com.therapyplatform.notification.domain.NotificationPlanner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    static final String INTAKE = "0b96a6b0-47c5-4b50-a9ec-9ff44b05b45d";

    /** Words that would tell a lock screen what the message is about, in English and Spanish. */
    static final List<String> CONDITION_WORDS = List.of("suicid", "depress", "substance", "alcohol", "drug",
            "paranoi", "psychos", "relationship", "addict", "crisis", "urgent", "risk", "score", "samhsa",
            "662-help", "435748", "sustanci", "droga", "psicosis", "pareja", "adicci", "urgente", "riesgo",
            "depresi");

    final MessageRenderer renderer = new MessageRenderer();
    final NotificationPlanner planner = new NotificationPlanner(ConfiguredResources.catalog(),
            new Links("https://care.example/intakes/{intakeId}", "https://clinicians.example/intakes/{intakeId}"));

    static IntakeContactProvided contact(boolean safe, String language) {
        return new IntakeContactProvided("Riley Example", "riley@example.org", "+15555550123", true, true, safe,
                language);
    }

    static final ClinicianAssigned ASSIGNED = new ClinicianAssigned("clin-1", "Dr. Maya Chen", "PhD", false, List.of());

    /** Every client message for every combination of categories, risk, language and safety. */
    List<Delivery> everyClientDelivery() {
        List<Delivery> all = new ArrayList<>();
        Category[] categories = Category.values();
        for (int mask = 0; mask < 1 << categories.length; mask++) {
            Set<Category> chosen = EnumSet.noneOf(Category.class);
            for (int i = 0; i < categories.length; i++) {
                if ((mask & 1 << i) != 0) {
                    chosen.add(categories[i]);
                }
            }
            for (boolean safe : new boolean[] {true, false}) {
                for (String language : List.of("en", "es")) {
                    var contact = contact(safe, language);
                    all.addAll(planner.matchConfirmation(INTAKE, contact, ASSIGNED, chosen));
                    all.addAll(planner.waitlistNotice(INTAKE, contact, chosen));
                    if (mask == 0) {
                        all.addAll(planner.receipt(INTAKE, contact));
                        all.addAll(planner.crisisResources(INTAKE, contact, RiskTier.ELEVATED));
                        all.addAll(planner.crisisResources(INTAKE, contact, RiskTier.IMMINENT));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void subjectsAndSmsTextsNameNoConditionCategoryOrScoreInAnyCombination() {
        List<Delivery> deliveries = everyClientDelivery();
        deliveries.addAll(planner.clinicianNewClient(INTAKE, null));
        deliveries.addAll(planner.onCallPage(INTAKE, null));

        assertThat(deliveries).hasSizeGreaterThan(500).allSatisfy(delivery -> {
            String lockScreen = delivery.channel() == Channel.SMS
                    ? renderer.sms(delivery.content())
                    : renderer.email(delivery.content()).subject();
            assertThat(lockScreen).isNotBlank();
            CONDITION_WORDS.forEach(word -> assertThat(lockScreen).doesNotContainIgnoringCase(word));
        });
    }

    @Test
    void smsTextsFitTwoSegmentsAndAlwaysOffer988ToClients() {
        assertThat(everyClientDelivery()).filteredOn(d -> d.channel() == Channel.SMS).allSatisfy(delivery ->
                assertThat(renderer.sms(delivery.content())).hasSizeLessThanOrEqualTo(320).contains("988")
                        .doesNotContain("\n"));
    }

    @Test
    void noMessageEverShowsTheRetired988Press3Option() {
        assertThat(everyClientDelivery()).filteredOn(d -> d.channel() == Channel.EMAIL).allSatisfy(delivery -> {
            RenderedEmail email = renderer.email(delivery.content());
            assertThat(email.text() + email.html()).doesNotContainIgnoringCase("press 3")
                    .doesNotContainIgnoringCase("oprima 3");
        });
    }

    @Test
    void aReceiptThanksTheClientLinksTheStatusAndOffers988() {
        RenderedEmail email = renderer.email(planner.receipt(INTAKE, contact(true, "en")).get(0).content());

        assertThat(email.subject()).isEqualTo("We received your request");
        assertThat(email.text()).startsWith("Thank you for reaching out.")
                .contains("https://care.example/intakes/" + INTAKE)
                .contains("988 Suicide & Crisis Lifeline: Call or text 988, or chat at 988lifeline.org");
        assertThat(email.html()).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                .contains("988 Suicide &amp; Crisis Lifeline");
    }

    @Test
    void crisisResourcesAtImminentRiskLeadWith911AndListTheLifelineAndCrisisTextLine() {
        RenderedEmail email = renderer.email(
                planner.crisisResources(INTAKE, contact(true, "en"), RiskTier.IMMINENT).get(0).content());

        assertThat(email.subject()).isEqualTo("Support is available right now");
        assertThat(email.text()).startsWith("If you are in danger now, call 911.")
                .contains("Call or text 988", "chat at 988lifeline.org", "Text HOME to 741741")
                .containsSubsequence("Emergency services", "988 Suicide & Crisis Lifeline", "Crisis Text Line");
    }

    @Test
    void crisisResourcesAtElevatedRiskPut911Last() {
        RenderedEmail email = renderer.email(
                planner.crisisResources(INTAKE, contact(true, "en"), RiskTier.ELEVATED).get(0).content());

        assertThat(email.text()).startsWith("Thank you for telling us how you are doing.")
                .containsSubsequence("988 Suicide & Crisis Lifeline", "Crisis Text Line", "call 911");
    }

    @Test
    void aSpanishMatchConfirmationNamesTheClinicianAndShowsTheHelplineForItsCategoryInTheBodyOnly() {
        RenderedEmail email = renderer.email(planner.matchConfirmation(INTAKE, contact(true, "es"), ASSIGNED,
                Set.of(Category.SUBSTANCE_USE)).get(0).content());

        assertThat(email.subject()).isEqualTo("Su profesional clínico está listo para conocerle");
        assertThat(email.text()).startsWith("Le asignamos a Dr. Maya Chen, PhD.")
                .contains("Próximos pasos", "Línea Nacional de Ayuda de SAMHSA", "1-800-662-HELP (4357)",
                        "988 Línea de Prevención del Suicidio y Crisis", "Oprima 2 para español");
        assertThat(email.html()).contains("<html lang=\"es\">");
    }

    @Test
    void withoutTheCategoryTheSubstanceUseHelplineIsNotShown() {
        RenderedEmail email = renderer.email(planner.waitlistNotice(INTAKE, contact(true, "en"),
                Set.of(Category.POSSIBLE_DEPRESSION)).get(0).content());

        assertThat(email.subject()).isEqualTo("An update on your request");
        assertThat(email.text()).contains("You are on our waitlist").doesNotContain("SAMHSA");
    }

    @Test
    void minimalContentSaysOnlyThatThereIsAnUpdateWithTheLinkAnd988() {
        RenderedEmail email = renderer.email(planner.matchConfirmation(INTAKE, contact(false, "en"), ASSIGNED,
                Set.of(Category.SUBSTANCE_USE)).get(0).content());

        assertThat(email.subject()).isEqualTo("A message from your care team");
        assertThat(email.text()).contains("https://care.example/intakes/" + INTAKE, "call or text 988")
                .doesNotContain("Maya Chen", "SAMHSA", "Lifeline");
    }

    @Test
    void theClinicianNameIsEscapedInHtml() {
        var odd = new ClinicianAssigned("clin-1", "<b>Dr. Evil</b>", "PhD", false, List.of());
        RenderedEmail email = renderer.email(
                planner.matchConfirmation(INTAKE, contact(true, "en"), odd, Set.of()).get(0).content());

        assertThat(email.html()).contains("&lt;b&gt;Dr. Evil&lt;/b&gt;").doesNotContain("<b>Dr. Evil");
    }

    @Test
    void clinicianMessagesCarryTheLinkAndNoClientDetail() {
        var page = planner.onCallPage(INTAKE, null);
        String sms = renderer.sms(page.get(0).content());
        RenderedEmail email = renderer.email(planner.clinicianNewClient(INTAKE, null).get(0).content());

        assertThat(sms).isEqualTo("On-call page: a new intake was assigned to you. Open it now: "
                + "https://clinicians.example/intakes/" + INTAKE);
        assertThat(email.subject()).isEqualTo("New client assigned");
        assertThat(email.text()).contains("https://clinicians.example/intakes/" + INTAKE,
                "this message contains no client details");
    }

    @Test
    void everyMessageIsExactlyWhatThymeleafRendersForItEvenWithAwkwardValues() {
        List<Delivery> deliveries = everyClientDelivery();
        deliveries.addAll(planner.clinicianNewClient(INTAKE, null));
        deliveries.addAll(planner.onCallPage(INTAKE, null));
        MessageRenderer shaped = new MessageRenderer();

        assertThat(deliveries).hasSizeGreaterThan(500).allSatisfy(delivery -> {
            MessageContent content = delivery.content();
            // markup, quotes, accents, a line break, an emoji and the renderer's own marker in every printed
            // value, and a lone marker character in a helpline
            List<Helpline.Text> withOddHelpline = new ArrayList<>(content.resources());
            withOddHelpline.add(new Helpline.Text("Warm\uE000line", "call \uE000 <any> time"));
            MessageContent awkward = new MessageContent(content.template(), content.language(),
                    "https://care.example/intakes/x?a=1&b=<2>'3'\"4\"",
                    "Dr. Zoë O'Brien & <Partners>\n\uE000link\uE000",
                    "LCSW, Ph.D. \u00f1 \uD83D\uDE00", withOddHelpline, content.imminent());
            for (MessageContent each : List.of(content, awkward)) {
                if (delivery.channel() == Channel.SMS) {
                    assertThat(shaped.sms(each)).isEqualTo(renderer.smsUnshaped(each));
                } else {
                    assertThat(shaped.email(each)).isEqualTo(renderer.emailUnshaped(each));
                }
            }
        });
    }
}
