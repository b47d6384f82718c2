package com.therapyplatform.intake.web;

import com.therapyplatform.contracts.events.Modality;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The intake form as submitted: every part validated before anything is published. */
public record IntakeRequest(
        @NotNull @Valid Questionnaire questionnaire,
        @NotNull @Valid About about,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> concerns,
        // which items exist and which values each allows is the questionnaire's business (QuestionnaireAnswersValidator)
        @NotNull @Size(max = 200) Map<@NotBlank @Size(max = 32) String, @NotNull Integer> answers,
        @Size(max = 2000) String freeText,
        @NotNull @Valid Preferences preferences,
        @NotNull @Valid Contact contact) {

    /** The refusal a minor sees: where to get help now, since this service cannot take them on. */
    static final String ADULTS_ONLY = "this service is for adults (18 or older); if you are younger and need help now, "
            + "call or text 988 or talk to a trusted adult";

    public record Questionnaire(@NotBlank @Size(max = 64) String id, @Min(1) int version) {
    }

    public record About(
            @NotNull @Min(value = 18, message = ADULTS_ONLY) @Max(130) Integer age,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter US state code") String state,
            @NotBlank @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code") String language,
            @Pattern(regexp = "FEMALE|MALE|OTHER|UNSTATED") String sex) {
    }

    public record Preferences(
            @NotNull Modality modality,
            @Pattern(regexp = "FEMALE|MALE|NONBINARY|NO_PREFERENCE") String clinicianGender,
            @Size(max = 10) List<@NotBlank @Size(max = 32) String> availability) {
    }

    public record Contact(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "\\+[1-9][0-9]{7,14}", message = "must be an E.164 phone number, e.g. +15555550123")
            String mobile,
            @NotNull @Valid Consent consent,
            boolean safeToLeaveMessages) {

        @AssertTrue(message = "an e-mail address is required when e-mail consent is given")
        public boolean isEmailPresentWhenConsented() {
            return consent == null || !consent.email() || (email != null && !email.isBlank());
        }

        @AssertTrue(message = "a mobile number is required when SMS consent is given")
        public boolean isMobilePresentWhenConsented() {
            return consent == null || !consent.sms() || (mobile != null && !mobile.isBlank());
        }
    }

    public record Consent(boolean email, boolean sms) {
    }
}
