package com.therapyplatform.benchmarks;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.questionnaire.Questionnaire;
import com.therapyplatform.triage.domain.TriageDecision;
import com.therapyplatform.triage.domain.TriageRules;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.results.RunResult;

/**
 * What classifying one intake costs next to reading it: {@code parse} reads the IntakeSubmitted record
 * as the consumer does ({@link EventJson#read}), {@code classify} validates, scores and classifies the
 * parsed intake ({@link TriageRules#assess}). Goal: classify costs no more than parse. Run
 * {@code java -jar benchmarks/target/benchmarks.jar}; it prints both and their ratio. Arguments are
 * JMH's own options (e.g. {@code -wi 2 -i 3}; {@code -h} for its help).
 */
public class TriageBenchmark extends SampledBenchmark {

    /** routine: no finding, the free text scanned to the end; urgent: several findings. */
    @Param({"routine", "urgent"})
    public String intake;

    private byte[] json;
    private IntakeSubmitted parsed;
    private TriageRules rules;

    @Setup
    public void setUp() {
        rules = new TriageRules(Questionnaire.current());
        boolean urgent = intake.equals("urgent");
        Map<String, Integer> answers = new HashMap<>();
        answers.put(Questionnaire.PARTNER_ITEM, 1);
        Questionnaire.current().definedInstruments().forEach(instrument -> instrument.items().forEach(item ->
                answers.put(item.id(), urgent ? item.maxValue() / 2 + 1 : item.minValue() + 1)));
        if (!urgent) {
            answers.put("asq.1", 0);
            answers.put("asq.2", 0);
            answers.put("asq.3", 0);
            answers.put("asq.4", 0);
            answers.put("asq.5", 0);
            answers.put("phq9.9", 0);
            answers.put("csi4.1", 5);
        }
        String text = urgent
                ? "Since the move I barely sleep. Some nights I don't want to live, and I have been drinking more."
                : "We have been arguing a lot since the move and I would like help rebuilding trust. My partner "
                        + "works nights and I look after the kids, so weekday evenings are hard; Saturday mornings "
                        + "work best. Hablo español en casa, pero en inglés también está bien. I tried therapy "
                        + "once before and it helped, so I am hopeful this time too.";
        EventEnvelope<IntakeSubmitted> envelope = EventEnvelope.first(Events.INTAKE_SUBMITTED,
                "bench-" + intake, Instant.parse("2026-11-27T10:00:00Z"),
                new IntakeSubmitted("adult-intake", 1,
                        new RoutingProfile("CA", "en", Modality.VIDEO, "NO_PREFERENCE", List.of("WEEKEND")),
                        urgent ? "MALE" : "FEMALE",
                        urgent ? List.of("FEELING_EMPTY_OR_NUMB", "ALCOHOL_OR_DRUG_USE")
                                : List.of("PARTNER_RELATIONSHIP", "REBUILDING_TRUST"),
                        answers, text));
        json = EventJson.write(envelope);
        parsed = EventJson.read(json, Events.INTAKE_SUBMITTED).payload();
        rules.assess(parsed); // fails fast if the sample is not a valid submission
    }

    @Benchmark
    public EventEnvelope<IntakeSubmitted> parse() {
        return EventJson.read(json, Events.INTAKE_SUBMITTED);
    }

    @Benchmark
    public TriageDecision classify() {
        return rules.assess(parsed);
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = Jmh.run(TriageBenchmark.class, args);
        if (results.isEmpty()) {
            return;
        }
        System.out.printf("%n%-9s %14s %14s %7s %14s %14s %7s%n", "intake", "parse p50 µs", "classify p50",
                "ratio", "parse mean µs", "classify mean", "ratio");
        Jmh.eachPair(results, "intake", List.of("routine", "urgent"), "parse", "classify",
                (kind, parse, classify) -> System.out.printf("%-9s %14.2f %14.2f %7.2f %14.2f %14.2f %7.2f%n",
                        kind, parse.getPercentile(50), classify.getPercentile(50),
                        classify.getPercentile(50) / parse.getPercentile(50),
                        parse.getMean(), classify.getMean(), classify.getMean() / parse.getMean()));
        System.out.println("ratio = classify / parse, same JVM and run; goal: <= 1");
    }
}
