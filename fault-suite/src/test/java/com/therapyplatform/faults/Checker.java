package com.therapyplatform.faults;

import com.therapyplatform.faults.LoadDriver.Kind;
import com.therapyplatform.faults.LoadDriver.Outcome;
import com.therapyplatform.faults.LoadDriver.Submission;
import com.therapyplatform.faults.TopicReader.Rec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, for every submission, what the platform did: its events on every topic (read back as an
 * outside read_committed client) and its effects where they landed (the SMTP sink's mailboxes, the SMS
 * sink's requests). An intake answered 202 must have exactly one of each thing it is owed, in causal
 * order; a refused one must have left nothing anywhere.
 */
final class Checker {

    /** IntakeSubmitted is on one of two topics: intake-service sends urgent intakes to the priority one. */
    static final List<String> TOPICS = List.of("intake.submitted.v1", "intake.submitted.urgent.v1",
            "intake.contact.v1", "intake.triaged.v1", "triage.assessments.v1", "intake.urgent.v1", "intake.matched.v1",
            "intake.waitlisted.v1", "matching.escalations.v1", "notification.sent.v1", "notification.failed.v1");

    /** How one kind of thing fared across all intakes. */
    static final class Tally {
        long expected;
        long ok;
        long lost;
        long duplicated;
        long outOfOrder;
        long unexpected;
        final List<String> examples = new ArrayList<>();

        void example(String what) {
            if (examples.size() < 8) {
                examples.add(what);
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("expected", expected);
            m.put("ok", ok);
            m.put("lost", lost);
            m.put("duplicated", duplicated);
            m.put("outOfOrder", outOfOrder);
            m.put("unexpected", unexpected);
            m.put("examples", examples);
            return m;
        }
    }

    static final class Result {
        final Map<String, Tally> checks = new LinkedHashMap<>();
        final Map<String, Long> submissions = new LinkedHashMap<>();
        long refusedWithEffects;
        final List<String> refusedExamples = new ArrayList<>();
        long indeterminateCommitted;
        long indeterminateNotCommitted;
        long mailsDelivered;
        long mailsRedeliveredSameMessageId;
        final List<String> redeliveryExamples = new ArrayList<>();
        long smsDelivered;
        long smsUnattributed;
        /** Texts sent again because notification-service was SIGKILLed between sending one and recording it. */
        long smsRedeliveredAcrossCrash;
        final List<String> smsCrashRedeliveryExamples = new ArrayList<>();

        Tally tally(String name) {
            return checks.computeIfAbsent(name, n -> new Tally());
        }

        long lost() {
            return checks.values().stream().mapToLong(t -> t.lost).sum();
        }

        long duplicated() {
            return checks.values().stream().mapToLong(t -> t.duplicated + t.unexpected).sum();
        }

        long outOfOrder() {
            return checks.values().stream().mapToLong(t -> t.outOfOrder).sum();
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<([0-9a-f-]{36})\\.([a-z_]+)@notifications\\.therapyplatform\\.example>");
    private static final Pattern INTAKE_IN_LINK = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    /** The English SMS texts (notification-service's messages.properties), by reason. */
    static String smsReason(String body) {
        if (body.startsWith("We received your request")) {
            return "RECEIPT";
        }
        if (body.startsWith("Our care team will contact you today")) {
            return "CRISIS_RESOURCES";
        }
        if (body.startsWith("Good news: your clinician")) {
            return "MATCH_CONFIRMATION";
        }
        if (body.startsWith("An update on your request")) {
            return "WAITLIST_NOTICE";
        }
        if (body.startsWith("On-call page:")) {
            return "ON_CALL_PAGE";
        }
        return "OTHER";
    }

    private Map<String, List<Long>> smsTimes = Map.of();
    private List<Long> crashes = List.of();

    Result check(List<Submission> submissions, Map<String, List<Rec>> topics, List<MailSink.Mail> mails,
            List<SmsSink.Sms> texts) {
        return check(submissions, topics, mails, texts, List.of());
    }

    /**
     * @param notificationCrashes when notification-service instances were SIGKILLed: a text that arrived once
     *                            before such a kill and again after it, with a single NotificationSent, is the
     *                            documented at-least-once window (docs/reliability.md: the SMS API has no
     *                            idempotency key), counted apart from duplicates
     */
    Result check(List<Submission> submissions, Map<String, List<Rec>> topics, List<MailSink.Mail> mails,
            List<SmsSink.Sms> texts, List<Long> notificationCrashes) {
        Result result = new Result();
        for (Outcome o : Outcome.values()) {
            result.submissions.put(o.name(), submissions.stream().filter(s -> s.outcome() == o).count());
        }
        result.submissions.put("ACCEPTED_URGENT", submissions.stream()
                .filter(s -> s.outcome() == Outcome.ACCEPTED && s.kind() == Kind.URGENT).count());
        result.submissions.put("REFUSED_INVALID", submissions.stream()
                .filter(s -> s.outcome() == Outcome.REFUSED && s.kind() == Kind.INVALID).count());

        // events by intake and type, in topic order
        Map<String, Map<String, List<Rec>>> byIntake = new HashMap<>();
        for (String topic : TOPICS) {
            for (Rec r : topics.getOrDefault(topic, List.of())) {
                String intake = r.intakeId() != null ? r.intakeId() : r.key();
                String type = r.eventType() != null ? r.eventType() : "UNREADABLE@" + topic;
                byIntake.computeIfAbsent(intake, k -> new HashMap<>()).computeIfAbsent(type, k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, String> intakeByEmail = new HashMap<>();
        Map<String, String> intakeByMobile = new HashMap<>();
        for (Rec c : topics.getOrDefault("intake.contact.v1", List.of())) {
            if (c.payload() != null) {
                intakeByEmail.put(c.payload().path("email").asString(""), c.intakeId());
                intakeByMobile.put(c.payload().path("mobile").asString(""), c.intakeId());
            }
        }

        // effects: mail by (intake, reason, recipient) from the deterministic Message-ID; SMS by (recipient, reason)
        Map<String, Integer> mailCount = new HashMap<>();
        Map<String, Integer> mailByMessageId = new HashMap<>();
        Map<String, Integer> mailToAddress = new HashMap<>();
        for (MailSink.Mail m : mails) {
            result.mailsDelivered++;
            mailToAddress.merge(m.recipient(), 1, Integer::sum);
            Matcher id = MESSAGE_ID.matcher(m.messageId());
            if (id.matches()) {
                String k = id.group(1) + "|" + id.group(2).toUpperCase(java.util.Locale.ROOT) + "|" + m.recipient();
                mailCount.merge(k, 1, Integer::sum);
                mailByMessageId.merge(id.group(1) + "|" + id.group(2).toUpperCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : mailCount.entrySet()) {
            if (e.getValue() > 1) {
                result.mailsRedeliveredSameMessageId += e.getValue() - 1;
                if (result.redeliveryExamples.size() < 8) {
                    result.redeliveryExamples.add(e.getKey().substring(0, e.getKey().lastIndexOf('|')) + " x" + e.getValue());
                }
            }
        }
        Map<String, Integer> smsCount = new HashMap<>();
        Map<String, Integer> smsToNumber = new HashMap<>();
        Map<String, Integer> pageCount = new HashMap<>();
        smsTimes = new HashMap<>();
        crashes = notificationCrashes;
        for (SmsSink.Sms s : texts) {
            result.smsDelivered++;
            smsToNumber.merge(s.to(), 1, Integer::sum);
            String reason = smsReason(s.body());
            if (reason.equals("ON_CALL_PAGE")) {
                Matcher m = INTAKE_IN_LINK.matcher(s.body());
                if (m.find()) {
                    pageCount.merge(m.group(1), 1, Integer::sum);
                    smsTimes.computeIfAbsent("page|" + m.group(1), k -> new ArrayList<>()).add(s.receivedAtMillis());
                } else {
                    result.smsUnattributed++;
                }
            } else {
                smsCount.merge(s.to() + "|" + reason, 1, Integer::sum);
                smsTimes.computeIfAbsent(s.to() + "|" + reason, k -> new ArrayList<>()).add(s.receivedAtMillis());
            }
        }

        for (Submission s : submissions) {
            switch (s.outcome()) {
                case ACCEPTED:
                    checkAccepted(result, s, byIntake.getOrDefault(s.intakeId(), Map.of()), mailCount,
                            mailByMessageId, smsCount, pageCount);
                    break;
                case REFUSED:
                case UNREACHABLE:
                    String leaked = intakeByEmail.get(s.email()) != null ? "an intake with its e-mail address"
                            : intakeByMobile.get(s.mobile()) != null ? "an intake with its mobile number"
                            : mailToAddress.containsKey(s.email()) ? "mail to its address"
                            : smsToNumber.containsKey(s.mobile()) ? "an SMS to its number" : null;
                    if (leaked != null) {
                        result.refusedWithEffects++;
                        if (result.refusedExamples.size() < 8) {
                            result.refusedExamples.add("submission " + s.seq() + " (" + s.outcome() + " " + s.status()
                                    + ") left " + leaked);
                        }
                    }
                    break;
                default:
                    if (intakeByEmail.containsKey(s.email()) || intakeByMobile.containsKey(s.mobile())) {
                        result.indeterminateCommitted++;
                    } else {
                        result.indeterminateNotCommitted++;
                    }
            }
        }
        return result;
    }

    private void checkAccepted(Result result, Submission s, Map<String, List<Rec>> events,
            Map<String, Integer> mailCount, Map<String, Integer> mailByMessageId, Map<String, Integer> smsCount,
            Map<String, Integer> pageCount) {
        String intake = s.intakeId();
        Rec submitted = one(result.tally("IntakeSubmitted"), intake, events.get("IntakeSubmitted"));
        Rec contact = one(result.tally("IntakeContactProvided"), intake, events.get("IntakeContactProvided"));
        Rec triaged = one(result.tally("IntakeTriaged"), intake, events.get("IntakeTriaged"));
        causedBy(result.tally("IntakeTriaged"), intake, triaged, submitted);
        one(result.tally("TriageAssessed"), intake, events.get("TriageAssessed"));
        Rec urgent = null;
        if (s.kind() == Kind.URGENT) {
            urgent = one(result.tally("UrgentIntakeFlagged"), intake, events.get("UrgentIntakeFlagged"));
            causedBy(result.tally("UrgentIntakeFlagged"), intake, urgent, submitted);
        } else {
            none(result.tally("UrgentIntakeFlagged"), intake, events.get("UrgentIntakeFlagged"));
        }
        for (List<Rec> list : events.values()) {
            for (Rec r : list) {
                if (submitted != null && r.correlationId() != null && !r.correlationId().equals(submitted.eventId())) {
                    result.tally("correlation").outOfOrder++;
                    result.tally("correlation").example(intake + " " + r.eventType() + " has another correlation id");
                }
            }
        }

        // exactly one terminal matching outcome (a waitlisted intake may later be matched when room frees up)
        Tally outcome = result.tally("terminal matching outcome");
        List<Rec> matched = events.getOrDefault("ClinicianAssigned", List.of());
        List<Rec> waitlisted = events.getOrDefault("IntakeWaitlisted", List.of());
        outcome.expected++;
        Rec assignment = matched.isEmpty() ? null : matched.get(0);
        Rec waitlisting = waitlisted.isEmpty() ? null : waitlisted.get(0);
        if (matched.isEmpty() && waitlisted.isEmpty()) {
            outcome.lost++;
            outcome.example(intake + " has neither ClinicianAssigned nor IntakeWaitlisted");
        } else if (matched.size() > 1 || waitlisted.size() > 1) {
            outcome.duplicated++;
            outcome.example(intake + " matched " + matched.size() + "x, waitlisted " + waitlisted.size() + "x");
        } else if (assignment != null && waitlisting != null && !before(waitlisting, assignment)) {
            outcome.outOfOrder++;
            outcome.example(intake + " waitlisted after it was matched");
        } else {
            outcome.ok++;
        }
        Rec outcomeCause = s.kind() == Kind.URGENT ? urgent : triaged;
        if (assignment != null) {
            causedBy(outcome, intake, assignment, outcomeCause);
            if (s.kind() == Kind.URGENT && !assignment.payload().path("onCall").asBoolean(false)) {
                outcome.unexpected++;
                outcome.example(intake + " urgent but not assigned to on-call cover");
            }
        }
        if (waitlisting != null) {
            if (s.kind() == Kind.URGENT) {
                outcome.unexpected++;
                outcome.example(intake + " urgent but waitlisted");
            }
            causedBy(outcome, intake, waitlisting, triaged);
        }

        // client notifications: per consented channel, exactly one per reason the intake is owed
        Map<String, List<Rec>> sentByKey = new TreeMap<>();
        for (Rec n : events.getOrDefault("NotificationSent", List.of())) {
            sentByKey.computeIfAbsent(n.payload().path("reason").asString() + "|" + n.payload().path("channel").asString(),
                    k -> new ArrayList<>()).add(n);
        }
        for (Rec n : events.getOrDefault("NotificationFailed", List.of())) {
            Tally failed = result.tally("NotificationFailed (client or clinician)");
            failed.unexpected++;
            failed.example(intake + " " + n.payload().path("reason").asString() + " by "
                    + n.payload().path("channel").asString() + ": " + n.payload().path("failureCode").asString());
        }
        Map<String, Rec> owed = new LinkedHashMap<>();
        owed.put("RECEIPT", contact);
        owed.put("CRISIS_RESOURCES", s.kind() == Kind.URGENT ? urgent : null);
        owed.put("MATCH_CONFIRMATION", assignment);
        owed.put("WAITLIST_NOTICE", waitlisting);
        for (Map.Entry<String, Rec> e : owed.entrySet()) {
            String reason = e.getKey();
            Rec cause = e.getValue();
            boolean isOwed = cause != null || (reason.equals("RECEIPT")) || (reason.equals("CRISIS_RESOURCES") && s.kind() == Kind.URGENT);
            for (String channel : List.of("EMAIL", "SMS")) {
                boolean consented = channel.equals("EMAIL") ? s.emailConsent() : s.smsConsent();
                List<Rec> sent = sentByKey.getOrDefault(reason + "|" + channel, List.of());
                Tally events1 = result.tally(reason + " by " + channel + " (NotificationSent event)");
                Tally effect = result.tally(reason + " by " + channel + " (delivered to the "
                        + (channel.equals("EMAIL") ? "SMTP" : "SMS") + " sink)");
                int delivered = channel.equals("EMAIL")
                        ? mailCount.getOrDefault(intake + "|" + reason + "|" + s.email(), 0)
                        : smsCount.getOrDefault(s.mobile() + "|" + reason, 0);
                if (consented && isOwed) {
                    if (cause == null && (reason.equals("RECEIPT") || reason.equals("CRISIS_RESOURCES"))) {
                        // the cause itself is lost and counted above; its notification cannot be owed on top
                        continue;
                    }
                    Rec n = count(events1, intake, reason + " by " + channel, sent.size(), sent);
                    causedBy(events1, intake, n, cause);
                    if (channel.equals("EMAIL")) {
                        countEffect(effect, intake, reason + " mail", delivered, true);
                    } else {
                        if (delivered > 1 && sent.size() == 1
                                && acrossACrash(smsTimes.getOrDefault(s.mobile() + "|" + reason, List.of()))) {
                            result.smsRedeliveredAcrossCrash += delivered - 1;
                            if (result.smsCrashRedeliveryExamples.size() < 8) {
                                result.smsCrashRedeliveryExamples.add(intake + " " + reason + " x" + delivered);
                            }
                            delivered = 1;
                        }
                        countEffect(effect, intake, reason + " SMS", delivered, false);
                    }
                } else {
                    if (!sent.isEmpty()) {
                        events1.unexpected += sent.size();
                        events1.example(intake + " " + reason + " by " + channel + " sent but not owed");
                    }
                    if (delivered > 0) {
                        effect.unexpected += delivered;
                        effect.example(intake + " " + reason + " by " + channel + " delivered but not owed");
                    }
                }
            }
        }

        // clinician side: a routine match tells the clinician once; an on-call assignment pages once (SMS and mail)
        if (assignment != null) {
            boolean onCall = assignment.payload().path("onCall").asBoolean(false);
            String reason = onCall ? "ON_CALL_PAGE" : "CLINICIAN_NEW_CLIENT";
            Tally clinicianMail = result.tally(reason + " by EMAIL (delivered to the SMTP sink)");
            countEffect(clinicianMail, intake, reason + " mail", mailByMessageId.getOrDefault(intake + "|" + reason, 0), true);
            if (onCall) {
                int pages = pageCount.getOrDefault(intake, 0);
                if (pages > 1 && sentByKey.getOrDefault("ON_CALL_PAGE|SMS", List.of()).size() == 1
                        && acrossACrash(smsTimes.getOrDefault("page|" + intake, List.of()))) {
                    result.smsRedeliveredAcrossCrash += pages - 1;
                    if (result.smsCrashRedeliveryExamples.size() < 8) {
                        result.smsCrashRedeliveryExamples.add(intake + " ON_CALL_PAGE x" + pages);
                    }
                    pages = 1;
                }
                countEffect(result.tally("ON_CALL_PAGE by SMS (delivered to the SMS sink)"), intake, "on-call page SMS",
                        pages, false);
            }
            for (String channel : onCall ? List.of("EMAIL", "SMS") : List.of("EMAIL")) {
                List<Rec> sent = sentByKey.getOrDefault(reason + "|" + channel, List.of());
                Tally t = result.tally(reason + " by " + channel + " (NotificationSent event)");
                Rec n = count(t, intake, reason + " by " + channel, sent.size(), sent);
                causedBy(t, intake, n, assignment);
            }
        }
    }

    private static Rec one(Tally t, String intake, List<Rec> recs) {
        return count(t, intake, "", recs == null ? 0 : recs.size(), recs);
    }

    private static Rec count(Tally t, String intake, String what, int n, List<Rec> recs) {
        t.expected++;
        if (n == 0) {
            t.lost++;
            t.example(intake + " " + what + " missing");
            return null;
        }
        if (n > 1) {
            t.duplicated++;
            t.example(intake + " " + what + " x" + n);
        } else {
            t.ok++;
        }
        return recs.get(0);
    }

    /** The first arrival came before a notification-service SIGKILL, and the last one after it. */
    private boolean acrossACrash(List<Long> arrivals) {
        if (arrivals.size() < 2) {
            return false;
        }
        long first = arrivals.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = arrivals.stream().mapToLong(Long::longValue).max().orElseThrow();
        return crashes.stream().anyMatch(kill -> kill >= first && kill <= last);
    }

    /** Mail: a redelivery with the same Message-ID is counted apart (see the report): recipients' systems drop it. */
    private static void countEffect(Tally t, String intake, String what, int delivered, boolean mail) {
        t.expected++;
        if (delivered == 0) {
            t.lost++;
            t.example(intake + " " + what + " never arrived");
        } else if (delivered > 1 && !mail) {
            t.duplicated++;
            t.example(intake + " " + what + " arrived " + delivered + "x");
        } else {
            t.ok++;
        }
    }

    private static void none(Tally t, String intake, List<Rec> recs) {
        if (recs != null && !recs.isEmpty()) {
            t.unexpected += recs.size();
            t.example(intake + " not urgent but flagged");
        }
    }

    /** The effect answers its cause (causationId) and does not precede it in time. */
    private static void causedBy(Tally t, String intake, Rec effect, Rec cause) {
        if (effect == null || cause == null) {
            return;
        }
        if (!cause.eventId().equals(effect.causationId())) {
            t.outOfOrder++;
            t.example(intake + " " + effect.eventType() + " answers " + effect.causationId() + ", not its cause "
                    + cause.eventType() + " " + cause.eventId());
            return;
        }
        if (Instant.parse(effect.occurredAt()).isBefore(Instant.parse(cause.occurredAt()))) {
            t.outOfOrder++;
            t.example(intake + " " + effect.eventType() + " occurred before its cause " + cause.eventType());
        }
    }

    private static boolean before(Rec a, Rec b) {
        return Instant.parse(a.occurredAt()).isBefore(Instant.parse(b.occurredAt()))
                || Duration.between(Instant.parse(b.occurredAt()), Instant.parse(a.occurredAt())).isZero();
    }
}
