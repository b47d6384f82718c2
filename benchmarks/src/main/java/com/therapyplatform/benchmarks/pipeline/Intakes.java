package com.therapyplatform.benchmarks.pipeline;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.events.RoutingProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The payloads: the README's example submissions ({@code docs/examples}), posted as they are over HTTP,
 * or turned into the two events intake-service would publish for them (for Kafka-driven runs).
 */
final class Intakes {

    final byte[] routineJson;
    final byte[] urgentJson;
    private final JsonNode routine;
    private final JsonNode urgent;

    Intakes(Path examples) throws IOException {
        routineJson = Files.readAllBytes(examples.resolve("intake-routine.json"));
        urgentJson = Files.readAllBytes(examples.resolve("intake-urgent.json"));
        routine = EventJson.mapper().readTree(routineJson);
        urgent = EventJson.mapper().readTree(urgentJson);
    }

    /** IntakeSubmitted and IntakeContactProvided as intake-service would publish them. */
    record Pair(String intakeId, byte[] submitted, byte[] contact) {
    }

    Pair events(boolean isUrgent, Instant now) {
        JsonNode request = isUrgent ? urgent : routine;
        String intakeId = UUID.randomUUID().toString();
        JsonNode about = request.path("about");
        JsonNode prefs = request.path("preferences");
        List<String> availability = new ArrayList<>();
        prefs.path("availability").forEach(n -> availability.add(n.asString()));
        List<String> concerns = new ArrayList<>();
        request.path("concerns").forEach(n -> concerns.add(n.asString()));
        Map<String, Integer> answers = new LinkedHashMap<>();
        request.path("answers").properties().forEach(e -> answers.put(e.getKey(), e.getValue().asInt()));
        EventEnvelope<IntakeSubmitted> submitted = EventEnvelope.first(Events.INTAKE_SUBMITTED, intakeId, now,
                new IntakeSubmitted(request.path("questionnaire").path("id").asString(),
                        request.path("questionnaire").path("version").asInt(),
                        new RoutingProfile(about.path("state").asString(), about.path("language").asString(),
                                Modality.valueOf(prefs.path("modality").asString()),
                                prefs.path("clinicianGender").asString(), availability),
                        about.path("sex").asString(), concerns, answers, request.path("freeText").asString(null)));
        JsonNode contact = request.path("contact");
        EventEnvelope<IntakeContactProvided> contactProvided = EventEnvelope.sibling(submitted,
                Events.INTAKE_CONTACT_PROVIDED, new IntakeContactProvided(contact.path("name").asString(),
                        contact.path("email").asString(), contact.path("mobile").asString(null),
                        contact.path("consent").path("email").asBoolean(),
                        contact.path("consent").path("sms").asBoolean(),
                        contact.path("safeToLeaveMessages").asBoolean(), about.path("language").asString()));
        return new Pair(intakeId, EventJson.write(submitted), EventJson.write(contactProvided));
    }
}
