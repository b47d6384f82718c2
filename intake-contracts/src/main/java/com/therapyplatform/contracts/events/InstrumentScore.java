package com.therapyplatform.contracts.events;

/** One scored instrument, e.g. PHQ-9 total 12, band "moderate", positive. */
public record InstrumentScore(String instrument, int total, String band, boolean positive) {
}
