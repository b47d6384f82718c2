package com.therapyplatform.matching.domain;

/** A message and the key it must be sent to (an intake id or a clinician id). */
public record Addressed<M>(String key, M message) {
}
