package com.therapyplatform.questionnaire;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@code adult-intake} questionnaire, version 1: the definition as data. Item ids never change
 * once released; a change of items or options is a new version. Wordings of PHQ-9, GAD-7, ASQ,
 * AUDIT-C and CAGE-AID are public; R-GPTS and CSI-4 need their authors' permission, so their items
 * carry neutral placeholder labels until a licensed wording is loaded.
 */
final class AdultIntake {

    static final String ID = "adult-intake";
    static final int VERSION = 1;
    /** Gates CSI-4, which is asked of people with a current partner. */
    static final String PARTNER_ITEM = "relationship.partner";

    private static final List<AnswerOption> NOT_AT_ALL_TO_NEARLY_EVERY_DAY = List.of(
            new AnswerOption(0, "Not at all"),
            new AnswerOption(1, "Several days"),
            new AnswerOption(2, "More than half the days"),
            new AnswerOption(3, "Nearly every day"));
    private static final List<AnswerOption> NO_YES = List.of(new AnswerOption(0, "No"), new AnswerOption(1, "Yes"));

    static final Questionnaire DEFINITION = new Questionnaire(ID, VERSION, sections(), instruments(),
            EnumSet.allOf(InstrumentId.class), concerns(), choices());

    private AdultIntake() {
    }

    private static List<Instrument> instruments() {
        return List.of(phq9(), gad7(), asq(), auditC(), cageAid(), rgptsB(), rgptsA(), csi4());
    }

    private static Instrument phq9() {
        List<Item> items = items(InstrumentId.PHQ9, NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
                "Little interest or pleasure in doing things",
                "Feeling down, depressed, or hopeless",
                "Trouble falling or staying asleep, or sleeping too much",
                "Feeling tired or having little energy",
                "Poor appetite or overeating",
                "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
                "Trouble concentrating on things, such as reading the newspaper or watching television",
                "Moving or speaking so slowly that other people could have noticed, or the opposite: being so "
                        + "fidgety or restless that you have been moving around a lot more than usual",
                "Thoughts that you would be better off dead, or of hurting yourself in some way");
        items.set(8, items.get(8).withLoinc("44260-8"));
        return new Instrument(InstrumentId.PHQ9, "Mood (PHQ-9)",
                "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
                "Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606", "Pfizer: free, no permission needed",
                true, Requirement.REQUIRED, Condition.ALWAYS, items, "44249-1", "44261-6");
    }

    private static Instrument gad7() {
        return new Instrument(InstrumentId.GAD7, "Anxiety (GAD-7, optional)",
                "Over the last 2 weeks, how often have you been bothered by the following problems?",
                "Spitzer, Kroenke, Williams & Loewe 2006, Arch Intern Med 166:1092", "free", true,
                Requirement.OPTIONAL, Condition.ALWAYS, items(InstrumentId.GAD7, NOT_AT_ALL_TO_NEARLY_EVERY_DAY,
                        "Feeling nervous, anxious, or on edge",
                        "Not being able to stop or control worrying",
                        "Worrying too much about different things",
                        "Trouble relaxing",
                        "Being so restless that it is hard to sit still",
                        "Becoming easily annoyed or irritable",
                        "Feeling afraid, as if something awful might happen"),
                "69737-5", "70274-6");
    }

    private static Instrument asq() {
        List<Item> items = items(InstrumentId.ASQ, NO_YES,
                "In the past few weeks, have you wished you were dead?",
                "In the past few weeks, have you felt that you or your family would be better off if you were dead?",
                "In the past week, have you been having thoughts about killing yourself?",
                "Have you ever tried to kill yourself?",
                "Are you having thoughts of killing yourself right now?");
        // acuity question: asked when any of 1-4 is yes (NIMH ASQ pathway)
        items.set(4, items.get(4).askedWhen(Condition.anyEquals(
                IntStream.rangeClosed(1, 4).mapToObj(InstrumentId.ASQ::itemId).toList(), 1)));
        return new Instrument(InstrumentId.ASQ, "Safety (ASQ)", "Please answer yes or no.",
                "NIMH Ask Suicide-Screening Questions (Horowitz et al. 2012)", "free", true,
                Requirement.REQUIRED, Condition.ALWAYS, items, null, null);
    }

    private static Instrument auditC() {
        InstrumentId id = InstrumentId.AUDITC;
        return new Instrument(id, "Alcohol (AUDIT-C)", "Think about the past year.",
                "Bush et al. 1998; cut-offs Bradley et al. 2003", "WHO: free", true, Requirement.REQUIRED,
                Condition.ALWAYS, List.of(
                        new Item(id.itemId(1), "How often do you have a drink containing alcohol?", options(
                                "Never", "Monthly or less", "2-4 times a month", "2-3 times a week",
                                "4 or more times a week")),
                        new Item(id.itemId(2), "How many standard drinks containing alcohol do you have on a "
                                + "typical day?", options("1 or 2", "3 or 4", "5 or 6", "7 to 9", "10 or more")),
                        new Item(id.itemId(3), "How often do you have six or more drinks on one occasion?",
                                options("Never", "Less than monthly", "Monthly", "Weekly",
                                        "Daily or almost daily"))),
                "72109-2", "75626-2");
    }

    private static Instrument cageAid() {
        return new Instrument(InstrumentId.CAGEAID, "Alcohol and drugs (CAGE-AID)",
                "When thinking about drug use, include illegal drug use and the use of prescription drugs "
                        + "other than prescribed.",
                "Brown & Rounds 1995, Wis Med J 94:135", "public domain", true, Requirement.REQUIRED,
                Condition.ALWAYS, items(InstrumentId.CAGEAID, NO_YES,
                        "Have you ever felt that you ought to cut down on your drinking or drug use?",
                        "Have people annoyed you by criticizing your drinking or drug use?",
                        "Have you ever felt bad or guilty about your drinking or drug use?",
                        "Have you ever had a drink or used drugs first thing in the morning to steady your nerves "
                                + "or to get rid of a hangover?"),
                null, null);
    }

    private static Instrument rgptsB() {
        return new Instrument(InstrumentId.RGPTS_B, "Thoughts about others (R-GPTS part B)",
                "Over the last month. Item wording: licensed from the authors; placeholder labels until then.",
                "Freeman et al. 2021, Psychol Med 51:244", "academic: the authors' permission is needed", false,
                Requirement.REQUIRED, Condition.ALWAYS, placeholders(InstrumentId.RGPTS_B, 10, zeroToFour()),
                null, null);
    }

    private static Instrument rgptsA() {
        return new Instrument(InstrumentId.RGPTS_A, "Thoughts about others (R-GPTS part A, optional)",
                "Over the last month. Item wording: licensed from the authors; placeholder labels until then.",
                "Freeman et al. 2021, Psychol Med 51:244", "academic: the authors' permission is needed", false,
                Requirement.OPTIONAL, Condition.ALWAYS, placeholders(InstrumentId.RGPTS_A, 8, zeroToFour()),
                null, null);
    }

    private static Instrument csi4() {
        List<Item> items = new ArrayList<>();
        // item 1 (overall happiness) runs 0-6, items 2-4 run 0-5: total 0-21
        items.add(placeholder(InstrumentId.CSI4, 1, scale(6)));
        for (int n = 2; n <= 4; n++) {
            items.add(placeholder(InstrumentId.CSI4, n, scale(5)));
        }
        return new Instrument(InstrumentId.CSI4, "Your relationship (CSI-4)",
                "Item wording: licensed from the authors; placeholder labels until then.",
                "Funk & Rogge 2007, J Fam Psychol 21:572", "free for research and clinical use; wording by permission",
                false, Requirement.REQUIRED, Condition.anyEquals(List.of(PARTNER_ITEM), 1), items, null, null);
    }

    private static List<Item> items(InstrumentId id, List<AnswerOption> options, String... texts) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            items.add(new Item(id.itemId(i + 1), texts[i], options));
        }
        return items;
    }

    private static List<Item> placeholders(InstrumentId id, int count, List<AnswerOption> options) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> placeholder(id, n, options)).toList();
    }

    private static Item placeholder(InstrumentId id, int number, List<AnswerOption> options) {
        return new Item(id.itemId(number), id.code() + " item " + number + " (licensed wording)", options);
    }

    private static List<AnswerOption> options(String... labels) {
        return IntStream.range(0, labels.length).mapToObj(v -> new AnswerOption(v, labels[v])).toList();
    }

    private static List<AnswerOption> zeroToFour() {
        return options("0 (not at all)", "1", "2 (somewhat)", "3", "4 (totally)");
    }

    private static List<AnswerOption> scale(int max) {
        return IntStream.rangeClosed(0, max).mapToObj(v -> new AnswerOption(v, String.valueOf(v))).toList();
    }

    private static List<Section> sections() {
        return List.of(
                new Section("about-you", "About you", List.of(), List.of(),
                        List.of("/about/age", "/about/state", "/about/language", "/about/sex")),
                new Section("concerns", "What brings you here", List.of(), List.of(), List.of("/concerns")),
                new Section("mood", "Mood", List.of(InstrumentId.PHQ9, InstrumentId.GAD7), List.of(), List.of()),
                new Section("safety", "Safety", List.of(InstrumentId.ASQ), List.of(), List.of()),
                new Section("alcohol-and-drugs", "Alcohol and drugs",
                        List.of(InstrumentId.AUDITC, InstrumentId.CAGEAID), List.of(), List.of()),
                new Section("thoughts-about-others", "Thoughts about others",
                        List.of(InstrumentId.RGPTS_B, InstrumentId.RGPTS_A), List.of(), List.of()),
                new Section("relationships", "Relationships", List.of(InstrumentId.CSI4),
                        List.of(new Item(PARTNER_ITEM, "Do you currently have a partner (spouse, partner, or "
                                + "someone you are in a relationship with)?", NO_YES)), List.of()),
                new Section("anything-else", "Anything else", List.of(), List.of(), List.of("/freeText")),
                new Section("preferences", "Your preferences", List.of(), List.of(),
                        List.of("/preferences/modality", "/preferences/clinicianGender", "/preferences/availability")),
                new Section("contact", "How to reach you", List.of(), List.of(),
                        List.of("/contact/name", "/contact/email", "/contact/mobile", "/contact/consent",
                                "/contact/safeToLeaveMessages")));
    }

    private static List<Concern> concerns() {
        return List.of(
                new Concern("PARTNER_RELATIONSHIP", "My partner or romantic relationship",
                        Concern.Group.RELATIONSHIP_OR_TRUST),
                new Concern("FAMILY_RELATIONSHIPS", "Family relationships", Concern.Group.RELATIONSHIP_OR_TRUST),
                new Concern("FRIENDSHIPS", "Friendships", Concern.Group.RELATIONSHIP_OR_TRUST),
                new Concern("REBUILDING_TRUST", "Rebuilding trust after a betrayal",
                        Concern.Group.RELATIONSHIP_OR_TRUST),
                new Concern("DIFFICULTY_TRUSTING", "Difficulty trusting people", Concern.Group.RELATIONSHIP_OR_TRUST),
                new Concern("DIFFICULTY_FEELING_LOVE", "Difficulty feeling love or connection",
                        Concern.Group.RELATIONSHIP_OR_TRUST),
                new Concern("FEELING_EMPTY_OR_NUMB", "Feeling empty or numb", Concern.Group.MOOD),
                new Concern("ALCOHOL_OR_DRUG_USE", "Alcohol or drug use", Concern.Group.SUBSTANCE_USE));
    }

    private static Map<String, List<Choice>> choices() {
        Map<String, List<Choice>> choices = new LinkedHashMap<>();
        choices.put("/about/sex", List.of(new Choice("FEMALE", "Female"), new Choice("MALE", "Male"),
                new Choice("OTHER", "Another sex or intersex"), new Choice("UNSTATED", "Prefer not to say")));
        choices.put("/about/language", List.of(new Choice("en", "English"), new Choice("es", "Español")));
        choices.put("/preferences/modality", List.of(new Choice("VIDEO", "Video"), new Choice("PHONE", "Phone"),
                new Choice("MESSAGING", "Messaging")));
        choices.put("/preferences/clinicianGender", List.of(new Choice("FEMALE", "A woman"),
                new Choice("MALE", "A man"), new Choice("NONBINARY", "A nonbinary clinician"),
                new Choice("NO_PREFERENCE", "No preference")));
        choices.put("/preferences/availability", List.of(new Choice("WEEKDAY_MORNING", "Weekday mornings"),
                new Choice("WEEKDAY_AFTERNOON", "Weekday afternoons"),
                new Choice("WEEKDAY_EVENING", "Weekday evenings"), new Choice("WEEKEND", "Weekends")));
        choices.put("/contact/consent", List.of(new Choice("EMAIL", "E-mail"), new Choice("SMS", "Text message")));
        return choices;
    }
}
