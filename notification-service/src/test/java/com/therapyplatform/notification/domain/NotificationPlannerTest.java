package com.therapyplatform.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.Channel;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.NotificationReason;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {

    static final String INTAKE = "0b96a6b0-47c5-4b50-a9ec-9ff44b05b45d";

    static Helpline helpline(String id) {
        return new Helpline(id, Map.of(Language.EN, new Helpline.Text(id + " name", id + " how"),
                Language.ES, new Helpline.Text(id + " nombre", id + " cómo")));
    }

    static final ResourceCatalog CATALOG = new ResourceCatalog(
            List.of(helpline("988"), helpline("ctl"), helpline("911"), helpline("samhsa")),
            List.of("988"),
            Map.of(RiskTier.ELEVATED, List.of("988", "ctl", "911"), RiskTier.IMMINENT, List.of("911", "988", "ctl")),
            Map.of(Category.SUBSTANCE_USE, List.of("samhsa")));

    final NotificationPlanner planner = new NotificationPlanner(CATALOG,
            new Links("https://care.example/intakes/{intakeId}", "https://clinicians.example/intakes/{intakeId}"));

    static IntakeContactProvided contact(boolean email, boolean sms, boolean safe, String language) {
        return new IntakeContactProvided("Riley Example", "riley@example.org", "+15555550123", email, sms, safe,
                language);
    }

    static ClinicianProfile clinician(String workEmail, String workMobile) {
        return new ClinicianProfile("clin-1", "Dr. Maya Chen", "PhD", Set.of("CA"), Set.of(), Set.of("en"), null,
                Set.of(), 10, true, List.of(), Set.of(), workEmail, workMobile);
    }

    static final ClinicianAssigned ASSIGNED = new ClinicianAssigned("clin-1", "Dr. Maya Chen", "PhD", false, List.of());

    @Test
    void clientsAreReachedOnlyOnTheChannelsTheyOptedInto() {
        for (boolean email : new boolean[] {true, false}) {
            for (boolean sms : new boolean[] {true, false}) {
                List<Channel> channels = planner.receipt(INTAKE, contact(email, sms, true, "en")).stream()
                        .map(Delivery::channel).toList();
                assertThat(channels).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.of(email ? Channel.EMAIL : null, sms ? Channel.SMS : null)
                                .filter(java.util.Objects::nonNull).toList());
            }
        }
    }

    @Test
    void aChannelWithoutAnAddressIsSkippedEvenWithConsent() {
        var noMobile = new IntakeContactProvided(null, "riley@example.org", " ", true, true, true, "en");

        assertThat(planner.receipt(INTAKE, noMobile)).extracting(Delivery::channel).containsExactly(Channel.EMAIL);
    }

    @Test
    void whenItIsNotSafeToLeaveMessagesEveryClientMessageIsMinimal() {
        var unsafe = contact(true, true, false, "en");
        List<Delivery> all = new java.util.ArrayList<>();
        all.addAll(planner.receipt(INTAKE, unsafe));
        all.addAll(planner.crisisResources(INTAKE, unsafe, RiskTier.IMMINENT));
        all.addAll(planner.matchConfirmation(INTAKE, unsafe, ASSIGNED, Set.of(Category.SUBSTANCE_USE)));
        all.addAll(planner.waitlistNotice(INTAKE, unsafe, Set.of(Category.SUBSTANCE_USE)));

        assertThat(all).hasSize(8).allSatisfy(delivery -> {
            assertThat(delivery.content().template()).isEqualTo(Template.MINIMAL);
            assertThat(delivery.content().clinicianName()).isNull();
            assertThat(delivery.content().resources()).isEmpty();
            assertThat(delivery.content().link()).isEqualTo("https://care.example/intakes/" + INTAKE);
        });
        assertThat(all).extracting(Delivery::reason).contains(NotificationReason.CRISIS_RESOURCES,
                NotificationReason.MATCH_CONFIRMATION);
    }

    @Test
    void crisisResourcesLeadWith911OnlyAtImminentRisk() {
        var imminent = planner.crisisResources(INTAKE, contact(true, false, true, "en"), RiskTier.IMMINENT).get(0);
        var elevated = planner.crisisResources(INTAKE, contact(true, false, true, "en"), RiskTier.ELEVATED).get(0);

        assertThat(imminent.content().imminent()).isTrue();
        assertThat(imminent.content().resources()).extracting(Helpline.Text::name)
                .containsExactly("911 name", "988 name", "ctl name");
        assertThat(elevated.content().imminent()).isFalse();
        assertThat(elevated.content().resources()).extracting(Helpline.Text::name)
                .containsExactly("988 name", "ctl name", "911 name");
    }

    @Test
    void categoryHelplinesJoinTheGeneralOnesInTheClientsLanguage() {
        var match = planner.matchConfirmation(INTAKE, contact(true, false, true, "es-MX"), ASSIGNED,
                Set.of(Category.SUBSTANCE_USE, Category.RELATIONSHIP_CONCERN)).get(0);
        var waitlist = planner.waitlistNotice(INTAKE, contact(true, false, true, "en"), Set.of()).get(0);

        assertThat(match.content().language()).isEqualTo(Language.ES);
        assertThat(match.content().resources()).extracting(Helpline.Text::name)
                .containsExactly("988 nombre", "samhsa nombre");
        assertThat(match.content().clinicianName()).isEqualTo("Dr. Maya Chen");
        assertThat(match.content().credentials()).isEqualTo("PhD");
        assertThat(waitlist.content().resources()).extracting(Helpline.Text::name).containsExactly("988 name");
    }

    @Test
    void aNewClientNoticeGivesTheClinicianALinkAndNoClinicalDetail() {
        var notice = planner.clinicianNewClient(INTAKE, clinician("maya@clinicians.example", null));

        assertThat(notice).singleElement().satisfies(delivery -> {
            assertThat(delivery.reason()).isEqualTo(NotificationReason.CLINICIAN_NEW_CLIENT);
            assertThat(delivery.channel()).isEqualTo(Channel.EMAIL);
            assertThat(delivery.address()).isEqualTo("maya@clinicians.example");
            assertThat(delivery.content()).isEqualTo(new MessageContent(Template.CLINICIAN_NEW_CLIENT, Language.EN,
                    "https://clinicians.example/intakes/" + INTAKE, null, null, List.of(), false));
        });
    }

    @Test
    void anOnCallPageGoesBySmsAndByEmailAndAMissingAddressIsKeptForTheRecord() {
        var page = planner.onCallPage(INTAKE, clinician("maya@clinicians.example", null));
        var unknown = planner.onCallPage(INTAKE, null);

        assertThat(page).extracting(Delivery::channel).containsExactly(Channel.SMS, Channel.EMAIL);
        assertThat(page).extracting(Delivery::address).containsExactly(null, "maya@clinicians.example");
        assertThat(unknown).extracting(Delivery::address).containsOnlyNulls();
        assertThat(page).allSatisfy(d -> assertThat(d.content().template()).isEqualTo(Template.ON_CALL_PAGE));
    }

    @Test
    void languageTagsMapToEnglishOrSpanish() {
        assertThat(Language.of("es")).isEqualTo(Language.ES);
        assertThat(Language.of("ES_us")).isEqualTo(Language.ES);
        assertThat(Language.of("en-GB")).isEqualTo(Language.EN);
        assertThat(Language.of("fr")).isEqualTo(Language.EN);
        assertThat(Language.of(null)).isEqualTo(Language.EN);
    }

    @Test
    void theMessageIdIsTheSameForTheSameIntakeAndReason() {
        assertThat(Delivery.messageId(INTAKE, NotificationReason.RECEIPT))
                .isEqualTo(Delivery.messageId(INTAKE, NotificationReason.RECEIPT))
                .isEqualTo("<" + INTAKE + ".receipt@notifications.therapyplatform.example>")
                .isNotEqualTo(Delivery.messageId(INTAKE, NotificationReason.CRISIS_RESOURCES));
    }
}
