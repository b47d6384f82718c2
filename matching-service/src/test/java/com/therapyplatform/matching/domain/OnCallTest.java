package com.therapyplatform.matching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.therapyplatform.contracts.roster.OnCallShift;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnCallTest {

    private static OnCallShift shift(Set<DayOfWeek> days, String from, String until, String zone) {
        return new OnCallShift(Set.of("TX"), days, from, until, zone);
    }

    private static boolean covers(OnCallShift shift, String instant) {
        return OnCall.covers(shift, "TX", Instant.parse(instant));
    }

    @Test
    void dayShiftCoversFromItsStartUpToButNotIncludingItsEndInItsTimeZone() {
        // Monday 08:00-20:00 in Chicago (UTC-6 in March before DST: 2026-03-02 is a Monday)
        var shift = shift(Set.of(DayOfWeek.MONDAY), "08:00", "20:00", "America/Chicago");
        assertThat(covers(shift, "2026-03-02T13:59:00Z")).isFalse();
        assertThat(covers(shift, "2026-03-02T14:00:00Z")).isTrue();
        assertThat(covers(shift, "2026-03-03T01:59:00Z")).isTrue();
        assertThat(covers(shift, "2026-03-03T02:00:00Z")).isFalse();
        assertThat(covers(shift, "2026-03-03T14:00:00Z")).as("Tuesday").isFalse();
    }

    @Test
    void nightShiftRunsPastMidnightIntoTheNextDay() {
        var fridayNight = shift(Set.of(DayOfWeek.FRIDAY), "20:00", "08:00", "UTC");
        assertThat(covers(fridayNight, "2026-03-06T21:00:00Z")).as("Friday evening").isTrue();
        assertThat(covers(fridayNight, "2026-03-07T07:59:00Z")).as("Saturday morning").isTrue();
        assertThat(covers(fridayNight, "2026-03-07T08:00:00Z")).as("Saturday 08:00").isFalse();
        assertThat(covers(fridayNight, "2026-03-06T07:00:00Z")).as("Friday morning").isFalse();
        assertThat(covers(fridayNight, "2026-03-07T21:00:00Z")).as("Saturday evening").isFalse();
    }

    @Test
    void midnightToMidnightCoversTheWholeDay() {
        var allDay = shift(Set.of(DayOfWeek.WEDNESDAY), "00:00", "24:00", "UTC");
        assertThat(covers(allDay, "2026-03-04T00:00:00Z")).isTrue();
        assertThat(covers(allDay, "2026-03-04T23:59:59Z")).isTrue();
        assertThat(covers(allDay, "2026-03-05T00:00:00Z")).isFalse();
    }

    @Test
    void aShiftCoversOnlyItsStatesAndAMalformedShiftCoversNothing() {
        var allDay = shift(Set.of(DayOfWeek.WEDNESDAY), "00:00", "24:00", "UTC");
        assertThat(OnCall.covers(allDay, "CA", Instant.parse("2026-03-04T12:00:00Z"))).isFalse();
        assertThat(covers(shift(Set.of(DayOfWeek.WEDNESDAY), "00:00", "24:00", "Mars/Olympus"),
                "2026-03-04T12:00:00Z")).isFalse();
        assertThat(covers(shift(Set.of(DayOfWeek.WEDNESDAY), "9am", "24:00", "UTC"), "2026-03-04T12:00:00Z"))
                .isFalse();
        assertThatThrownBy(() -> OnCall.minutes("24:01")).isInstanceOf(IllegalArgumentException.class);
    }
}
