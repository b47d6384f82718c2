package com.therapyplatform.contracts.roster;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * A weekly recurring on-call shift: the clinician is crisis cover for {@code states} on {@code days}
 * from {@code from} to {@code until} (local {@code HH:mm} in {@code timeZone}; {@code until} may be
 * {@code 24:00}; an {@code until} at or before {@code from} runs past midnight into the next day).
 */
public record OnCallShift(Set<String> states, Set<DayOfWeek> days, String from, String until, String timeZone) {

    public OnCallShift {
        states = states == null ? Set.of() : Set.copyOf(states);
        days = days == null ? Set.of() : Set.copyOf(days);
    }
}
