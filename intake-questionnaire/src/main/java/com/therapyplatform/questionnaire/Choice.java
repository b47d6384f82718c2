package com.therapyplatform.questionnaire;

/** A coded choice of a non-scored field (sex, modality, language ...): the code travels, the label is shown. */
public record Choice(String code, String label) {
}
