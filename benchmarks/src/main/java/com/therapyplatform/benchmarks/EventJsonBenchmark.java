package com.therapyplatform.benchmarks;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.EventType;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.ClinicianAssigned;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.results.RunResult;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;

/**
 * What reading one event record costs every consumer of the platform ({@link EventJson#read}), next to a
 * baseline in the same run: {@code bind}, Jackson binding the same bytes straight into the envelope with the
 * same mapper and nothing else, the least a reader can do. Records are the two notification-service
 * reads most (a contact from its store, an assignment from {@code intake.matched.v1}). Run
 * {@code java -cp benchmarks/target/benchmarks.jar com.therapyplatform.benchmarks.EventJsonBenchmark}.
 */
public class EventJsonBenchmark extends SampledBenchmark {

    @Param({"contact", "assigned"})
    public String event;

    private EventType<?> type;
    private byte[] json;
    private ObjectReader binder;

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-11-28T14:00:00Z");
        String intakeId = "0b96a6b0-47c5-4b50-a9ec-9ff44b05b45d";
        EventEnvelope<IntakeContactProvided> contact = EventEnvelope.first(Events.INTAKE_CONTACT_PROVIDED,
                intakeId, now, new IntakeContactProvided("Sam Sample", "sam@example.org", "+15555550123", true, true,
                        false, "en"));
        EventEnvelope<?> sample = event.equals("contact") ? contact : contact.answer(Events.CLINICIAN_ASSIGNED,
                now.plusMillis(250), new ClinicianAssigned("clin-0042", "Dr. Maya Chen", "PhD", false,
                        List.of("LICENSED_IN_STATE", "LANGUAGE_MATCH", "MODALITY_MATCH")));
        type = event.equals("contact") ? Events.INTAKE_CONTACT_PROVIDED : Events.CLINICIAN_ASSIGNED;
        json = EventJson.write(sample);
        JavaType envelope = EventJson.mapper().getTypeFactory()
                .constructParametricType(EventEnvelope.class, type.payloadType());
        binder = EventJson.mapper().readerFor(envelope);
        if (!read().equals(bind())) {
            throw new IllegalStateException("EventJson and plain binding read different events");
        }
    }

    @Benchmark
    public EventEnvelope<?> read() {
        return EventJson.read(json, type);
    }

    @Benchmark
    public Object bind() {
        return binder.readValue(json);
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = Jmh.run(EventJsonBenchmark.class, args);
        if (results.isEmpty()) {
            return;
        }
        System.out.printf("%n%-10s %10s %10s %8s %10s%n", "event", "bind p50", "read p50", "ratio", "read mean");
        Jmh.eachPair(results, "event", List.of("contact", "assigned"), "bind", "read",
                (kind, bind, read) -> System.out.printf("%-10s %10.2f %10.2f %8.2f %10.2f%n", kind,
                        bind.getPercentile(50), read.getPercentile(50),
                        read.getPercentile(50) / bind.getPercentile(50), read.getMean()));
        System.out.println("µs per record; ratio = read / bind, same JVM and run");
    }
}
