package com.therapyplatform.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.therapyplatform.faults.LoadDriver.Kind;
import com.therapyplatform.faults.LoadDriver.Outcome;
import com.therapyplatform.faults.LoadDriver.Submission;
import com.therapyplatform.faults.TopicReader.Rec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The checker finds what it must: a clean intake passes, and each kind of fault in the record is counted. */
class CheckerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, List<Rec>> topics = new HashMap<>();
    private final List<MailSink.Mail> mails = new ArrayList<>();
    private final List<SmsSink.Sms> texts = new ArrayList<>();
    private long offset;
    private int second;

    /** One routine intake, e-mail and SMS, matched; returns the events by type. */
    private Map<String, Rec> cleanIntake(Submission s) {
        Map<String, Rec> e = new HashMap<>();
        String id = s.intakeId();
        Rec submitted = event("intake.submitted.v1", id, "IntakeSubmitted", null, null, "{}");
        String corr = submitted.eventId();
        e.put("submitted", submitted);
        e.put("contact", event("intake.contact.v1", id, "IntakeContactProvided", corr, null,
                "{\"email\":\"" + s.email() + "\",\"mobile\":\"" + s.mobile() + "\"}"));
        e.put("triaged", event("intake.triaged.v1", id, "IntakeTriaged", corr, submitted.eventId(), "{}"));
        event("triage.assessments.v1", id, "TriageAssessed", corr, submitted.eventId(), "{}");
        e.put("matched", event("intake.matched.v1", id, "ClinicianAssigned", corr, e.get("triaged").eventId(),
                "{\"onCall\":false}"));
        for (String channel : List.of("EMAIL", "SMS")) {
            sent(id, corr, e.get("contact"), "RECEIPT", channel);
            sent(id, corr, e.get("matched"), "MATCH_CONFIRMATION", channel);
        }
        sent(id, corr, e.get("matched"), "CLINICIAN_NEW_CLIENT", "EMAIL");
        mails.add(new MailSink.Mail(s.email(), messageId(id, "receipt")));
        mails.add(new MailSink.Mail(s.email(), messageId(id, "match_confirmation")));
        mails.add(new MailSink.Mail("clin@clinicians.example", messageId(id, "clinician_new_client")));
        texts.add(new SmsSink.Sms(s.mobile(), "We received your request and will be in touch soon: x", 0));
        texts.add(new SmsSink.Sms(s.mobile(), "Good news: your clinician will contact you soon. Details: x", 0));
        return e;
    }

    private Rec sent(String id, String corr, Rec cause, String reason, String channel) {
        return event("notification.sent.v1", id, "NotificationSent", corr, cause.eventId(),
                "{\"reason\":\"" + reason + "\",\"channel\":\"" + channel + "\"}");
    }

    private static String messageId(String intake, String reason) {
        return "<" + intake + "." + reason + "@notifications.therapyplatform.example>";
    }

    private Rec event(String topic, String intakeId, String type, String correlation, String causation, String payload) {
        String eventId = UUID.randomUUID().toString();
        String json = "{\"eventId\":\"" + eventId + "\",\"eventType\":\"" + type + "\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"2026-11-27T06:00:" + String.format("%02d", second++ % 60) + "Z\",\"intakeId\":\"" + intakeId
                + "\",\"submittedAt\":\"2026-11-27T06:00:00Z\",\"correlationId\":\"" + (correlation == null ? eventId : correlation)
                + "\"" + (causation == null ? "" : ",\"causationId\":\"" + causation + "\"") + ",\"payload\":" + payload + "}";
        Rec r = new Rec(topic, 0, offset++, 0, intakeId, json.getBytes(StandardCharsets.UTF_8), JSON.readTree(json));
        topics.computeIfAbsent(topic, t -> new ArrayList<>()).add(r);
        return r;
    }

    private static Submission accepted(int seq) {
        return new Submission(seq, Kind.ROUTINE, true, true, LoadDriver.email(seq), LoadDriver.mobile(seq), 0, 0,
                Outcome.ACCEPTED, 202, UUID.randomUUID().toString());
    }

    @Test
    void aCleanIntakeHasNothingLostDuplicatedOrOutOfOrder() {
        Submission s = accepted(1);
        cleanIntake(s);
        Checker.Result r = new Checker().check(List.of(s), topics, mails, texts);
        assertEquals(0, r.lost(), r.checks.toString());
        assertEquals(0, r.duplicated());
        assertEquals(0, r.outOfOrder());
        assertEquals(1, r.tally("RECEIPT by SMS (delivered to the SMS sink)").ok);
    }

    @Test
    void countsALostMailADuplicateSmsAWrongCauseAndARefusedSubmissionThatLeftAnIntake() {
        Submission s = accepted(1);
        Map<String, Rec> e = cleanIntake(s);
        mails.removeIf(m -> m.messageId().contains(".receipt@"));
        texts.add(new SmsSink.Sms(s.mobile(), "Good news: your clinician will contact you soon. Details: x", 0));
        event("intake.waitlisted.v1", s.intakeId(), "IntakeWaitlisted", e.get("submitted").eventId(),
                e.get("triaged").eventId(), "{}"); // waitlisted after it was matched
        Submission refused = new Submission(2, Kind.ROUTINE, true, false, LoadDriver.email(2), LoadDriver.mobile(2), 0, 0,
                Outcome.REFUSED, 400, null);
        Submission ghost = accepted(2);
        event("intake.contact.v1", ghost.intakeId(), "IntakeContactProvided", null, null,
                "{\"email\":\"" + refused.email() + "\"}");

        Checker.Result r = new Checker().check(List.of(s, refused), topics, mails, texts);

        assertEquals(1, r.tally("RECEIPT by EMAIL (delivered to the SMTP sink)").lost);
        assertEquals(1, r.tally("MATCH_CONFIRMATION by SMS (delivered to the SMS sink)").duplicated);
        assertEquals(1, r.tally("terminal matching outcome").outOfOrder);
        assertEquals(1, r.refusedWithEffects);
    }

    @Test
    void countsAnEffectThatDoesNotAnswerItsCause() {
        Submission s = accepted(1);
        Map<String, Rec> e = cleanIntake(s);
        topics.get("intake.triaged.v1").clear();
        event("intake.triaged.v1", s.intakeId(), "IntakeTriaged", e.get("submitted").eventId(),
                UUID.randomUUID().toString(), "{}");
        Checker.Result r = new Checker().check(List.of(s), topics, mails, texts);
        assertEquals(1, r.tally("IntakeTriaged").outOfOrder);
    }

    @Test
    void aTextSentAgainAcrossANotificationCrashIsCountedApartButWithoutTheCrashItIsADuplicate() {
        Submission s = accepted(1);
        cleanIntake(s);
        SmsSink.Sms receipt = texts.stream().filter(t -> Checker.smsReason(t.body()).equals("RECEIPT")).findFirst()
                .orElseThrow();
        texts.add(new SmsSink.Sms(receipt.to(), receipt.body(), receipt.receivedAtMillis() + 60_000));

        Checker.Result crashed = new Checker().check(List.of(s), topics, mails, texts,
                List.of(receipt.receivedAtMillis() + 10_000));
        assertEquals(0, crashed.duplicated(), crashed.checks.toString());
        assertEquals(1, crashed.smsRedeliveredAcrossCrash);

        Checker.Result noCrash = new Checker().check(List.of(s), topics, mails, texts, List.of());
        assertEquals(1, noCrash.tally("RECEIPT by SMS (delivered to the SMS sink)").duplicated);
    }
}
