package com.therapyplatform.matching.domain;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.contracts.roster.OnCallShift;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Whether a clinician's weekly on-call schedule covers a state at an instant. */
public final class OnCall {

    private static final int DAY = 24 * 60;

    private OnCall() {
    }

    public static boolean covers(ClinicianProfile clinician, String state, Instant at) {
        return clinician.onCallSchedule().stream().anyMatch(shift -> covers(shift, state, at));
    }

    public static boolean covers(OnCallShift shift, String state, Instant at) {
        if (!shift.states().contains(state)) {
            return false;
        }
        ZonedDateTime local;
        int from;
        int until;
        try {
            local = at.atZone(ZoneId.of(shift.timeZone()));
            from = minutes(shift.from());
            until = minutes(shift.until());
        } catch (DateTimeException | NullPointerException | IllegalArgumentException e) {
            return false; // a malformed shift covers nothing (the roster API refuses them)
        }
        int now = local.getHour() * 60 + local.getMinute();
        if (from < until) {
            return shift.days().contains(local.getDayOfWeek()) && now >= from && now < until;
        }
        // runs past midnight: the evening part on a listed day, the morning part on the day after one
        return shift.days().contains(local.getDayOfWeek()) && now >= from
                || shift.days().contains(local.getDayOfWeek().minus(1)) && now < until;
    }

    /** {@code HH:mm} (or {@code 24:00}) as minutes after midnight. */
    public static int minutes(String time) {
        if (time == null || !time.matches("(([01]\\d|2[0-3]):[0-5]\\d|24:00)")) {
            throw new IllegalArgumentException("not HH:mm");
        }
        int minutes = Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3));
        return Math.min(minutes, DAY);
    }
}
