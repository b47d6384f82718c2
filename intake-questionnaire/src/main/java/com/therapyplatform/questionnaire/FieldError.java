package com.therapyplatform.questionnaire;

/**
 * One problem with a submission. {@code pointer} is a JSON pointer into the submitted form (e.g.
 * {@code /answers/phq9.3}, {@code /concerns/2}); {@code code} is stable for machines; {@code message}
 * is for people and never repeats the submitted value.
 */
public record FieldError(String pointer, String code, String message) {

    public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";
    public static final String NOT_AN_OPTION = "NOT_AN_OPTION";
    public static final String REQUIRED = "REQUIRED";
    public static final String UNKNOWN_CONCERN = "UNKNOWN_CONCERN";

    /** {@code /answers/<item id>}, escaped as RFC 6901 asks. */
    public static String answerPointer(String itemId) {
        return "/answers/" + itemId.replace("~", "~0").replace("/", "~1");
    }
}
