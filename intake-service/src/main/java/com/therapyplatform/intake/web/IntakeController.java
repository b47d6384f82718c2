package com.therapyplatform.intake.web;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.IntakeContactProvided;
import com.therapyplatform.contracts.events.IntakeSubmitted;
import com.therapyplatform.contracts.events.RoutingProfile;
import com.therapyplatform.intake.messaging.IntakePublisher;
import com.therapyplatform.intake.status.StatusTokens;
import com.therapyplatform.questionnaire.Questionnaire;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/intakes")
class IntakeController {

    private static final Logger log = LoggerFactory.getLogger(IntakeController.class);

    private final IntakePublisher publisher;
    private final Clock clock = Clock.systemUTC();

    private final QuestionnaireAnswersValidator answersValidator;

    IntakeController(IntakePublisher publisher, Questionnaire questionnaire) {
        this.publisher = publisher;
        this.answersValidator = new QuestionnaireAnswersValidator(questionnaire);
    }

    /** Runs beside Bean Validation, so field and answer errors come back in one problem. */
    @InitBinder
    void answersValidator(WebDataBinder binder) {
        if (binder.getTarget() instanceof IntakeRequest) {
            binder.addValidators(answersValidator);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IntakeAccepted> submit(@Valid @RequestBody IntakeRequest request) {
        String intakeId = UUID.randomUUID().toString();
        var about = request.about();
        var preferences = request.preferences();
        EventEnvelope<IntakeSubmitted> submitted = EventEnvelope.first(Events.INTAKE_SUBMITTED, intakeId,
                clock.instant(), new IntakeSubmitted(request.questionnaire().id(), request.questionnaire().version(),
                        new RoutingProfile(about.state(), about.language(), preferences.modality(),
                                preferences.clinicianGender(), preferences.availability()),
                        about.sex(), request.concerns() == null ? List.of() : request.concerns(), request.answers(),
                        request.freeText()));
        var contact = request.contact();
        EventEnvelope<IntakeContactProvided> contactProvided = EventEnvelope.sibling(submitted,
                Events.INTAKE_CONTACT_PROVIDED, new IntakeContactProvided(contact.name(), contact.email(),
                        contact.mobile(), contact.consent().email(), contact.consent().sms(),
                        contact.safeToLeaveMessages(), about.language()));
        String statusToken = StatusTokens.newToken();
        publisher.publish(submitted, contactProvided, StatusTokens.hash(statusToken));
        log.info("Accepted intake {}", intakeId);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new IntakeAccepted(intakeId, "RECEIVED", "/api/v1/intakes/" + intakeId, statusToken));
    }
}
