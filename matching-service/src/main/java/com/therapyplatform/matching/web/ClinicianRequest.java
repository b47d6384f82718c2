package com.therapyplatform.matching.web;

import com.therapyplatform.contracts.events.Modality;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.OnCallShift;
import com.therapyplatform.contracts.roster.Specialty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The body of {@code PUT /api/v1/clinicians/{id}}: a whole profile (the id comes from the path). */
record ClinicianRequest(
        @Pattern(regexp = ID, message = "must be letters, digits, '-' or '_' (at most 64)") String id,
        @NotBlank @Size(max = 120) String displayName,
        @NotBlank @Size(max = 40) String credentials,
        @NotEmpty Set<@NotNull @Pattern(regexp = STATE, message = "must be a two-letter state code") String> licensedStates,
        @NotEmpty Set<@NotNull Modality> modalities,
        @NotEmpty Set<@NotNull @Pattern(regexp = "[a-z]{2,3}", message = "must be a language code such as en") String> languages,
        @Size(max = 40) String gender,
        @NotNull Set<@NotNull Specialty> specialties,
        @NotNull @Min(0) @Max(500) Integer caseloadCapacity,
        @NotNull Boolean acceptingNewClients,
        @NotNull List<@NotNull @Valid Shift> onCallSchedule,
        Set<@NotNull @Pattern(regexp = "[A-Z][A-Z_]{0,39}", message = "must be a slot such as WEEKDAY_EVENING") String> availability,
        @Email @Size(max = 200) String workEmail,
        @Pattern(regexp = "\\+[1-9][0-9]{7,14}", message = "must be an E.164 number such as +15555550100") String workMobile) {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
    static final String STATE = "[A-Z]{2}";
    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    record Shift(
            @NotEmpty Set<@NotNull @Pattern(regexp = STATE, message = "must be a two-letter state code") String> states,
            @NotEmpty Set<@NotNull DayOfWeek> days,
            @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") String from,
            @NotNull @Pattern(regexp = TIME + "|24:00", message = "must be HH:mm or 24:00") String until,
            @NotNull String timeZone) {

        @AssertTrue(message = "must be an IANA time zone such as America/Chicago")
        boolean isTimeZoneKnown() {
            if (timeZone == null) {
                return true; // @NotNull reports it
            }
            try {
                ZoneId.of(timeZone);
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }

        OnCallShift toShift() {
            return new OnCallShift(states, days, from, until, timeZone);
        }
    }

    /** On-call cover is only for states of licensure. */
    @AssertTrue(message = "on-call states must be states of licensure")
    boolean isOnCallScheduleLicensed() {
        return onCallSchedule == null || licensedStates == null || onCallSchedule.stream()
                .filter(shift -> shift != null && shift.states() != null)
                .allMatch(shift -> licensedStates.containsAll(shift.states()));
    }

    ClinicianProfile toProfile(String clinicianId) {
        return new ClinicianProfile(clinicianId, displayName, credentials, licensedStates, modalities, languages,
                gender, specialties, caseloadCapacity, acceptingNewClients,
                onCallSchedule.stream().map(Shift::toShift).toList(), availability, workEmail, workMobile);
    }
}
