package com.therapyplatform.questionnaire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A versioned intake questionnaire: sections in order, the screening instruments with their items,
 * options and skip logic, the presenting concerns and the coded choices of the other fields. Which
 * instruments are asked is configuration ({@link #withEnabled}); the form, validation and the triage
 * rules all follow it. Immutable and cheap to share.
 *
 * <p>Read by intake-service (render and validate the form) and triage-service (validate again, then
 * score): both must call {@link #validate} so that they agree on what a valid submission is.
 */
public final class Questionnaire {

    /** The yes/no question "do you currently have a partner?" that gates CSI-4. */
    public static final String PARTNER_ITEM = AdultIntake.PARTNER_ITEM;

    private final String id;
    private final int version;
    private final List<Section> sections;
    private final Map<InstrumentId, Instrument> instruments;
    private final Set<InstrumentId> enabled;
    private final List<Concern> concerns;
    private final Map<String, List<Choice>> choices;
    // derived from the above for the current configuration
    private final Map<String, Item> askedItems;
    private final List<Item> standaloneItems;
    private final Map<String, Concern> concernsByCode;
    private final Map<String, Integer> formOrder;

    Questionnaire(String id, int version, List<Section> sections, List<Instrument> instruments,
            Set<InstrumentId> enabled, List<Concern> concerns, Map<String, List<Choice>> choices) {
        this.id = Objects.requireNonNull(id, "id");
        this.version = version;
        this.sections = List.copyOf(sections);
        Map<InstrumentId, Instrument> byId = new LinkedHashMap<>();
        instruments.forEach(instrument -> byId.put(instrument.id(), instrument));
        this.instruments = Collections.unmodifiableMap(byId);
        this.enabled = Collections.unmodifiableSet(enabled.isEmpty() ? EnumSet.noneOf(InstrumentId.class)
                : EnumSet.copyOf(enabled));
        if (!byId.keySet().containsAll(this.enabled)) {
            throw new IllegalArgumentException("enabled instruments that are not defined: " + enabled);
        }
        this.concerns = List.copyOf(concerns);
        Map<String, List<Choice>> copied = new LinkedHashMap<>();
        choices.forEach((pointer, list) -> copied.put(pointer, List.copyOf(list)));
        this.choices = Collections.unmodifiableMap(copied);

        Map<String, Item> asked = new HashMap<>();
        List<Item> standalone = new ArrayList<>();
        Map<String, Integer> order = new HashMap<>();
        for (Section section : this.sections) {
            for (InstrumentId instrument : section.instruments()) {
                if (this.enabled.contains(instrument)) {
                    for (Item item : byId.get(instrument).items()) {
                        asked.put(item.id(), item);
                        order.put(item.id(), order.size());
                    }
                }
            }
            if (section.instruments().isEmpty() || section.instruments().stream().anyMatch(this.enabled::contains)) {
                // a standalone item belongs to its section's instruments: asked only when one of them is
                for (Item item : section.items()) {
                    asked.put(item.id(), item);
                    standalone.add(item);
                    order.put(item.id(), order.size());
                }
            }
        }
        this.askedItems = Collections.unmodifiableMap(asked);
        this.standaloneItems = List.copyOf(standalone);
        this.formOrder = Collections.unmodifiableMap(order);
        Map<String, Concern> concernMap = new HashMap<>();
        this.concerns.forEach(concern -> concernMap.put(concern.code(), concern));
        this.concernsByCode = Collections.unmodifiableMap(concernMap);
    }

    /** The questionnaire the form asks today, with its default configuration (every instrument enabled). */
    public static Questionnaire current() {
        return AdultIntake.DEFINITION;
    }

    /** The definition of questionnaire {@code id} at {@code version}, if this build knows it. */
    public static Optional<Questionnaire> find(String id, int version) {
        Questionnaire current = current();
        return current.id.equals(id) && current.version == version ? Optional.of(current) : Optional.empty();
    }

    /** The same questionnaire asking exactly the {@code enabled} instruments (e.g. without unlicensed ones). */
    public Questionnaire withEnabled(Collection<InstrumentId> enabled) {
        return new Questionnaire(id, version, sections, List.copyOf(instruments.values()),
                enabled.isEmpty() ? EnumSet.noneOf(InstrumentId.class) : EnumSet.copyOf(enabled), concerns, choices);
    }

    /** The same questionnaire without the {@code disabled} instruments. */
    public Questionnaire withDisabled(Collection<InstrumentId> disabled) {
        EnumSet<InstrumentId> left = EnumSet.copyOf(enabled.isEmpty() ? EnumSet.noneOf(InstrumentId.class) : enabled);
        left.removeAll(disabled);
        return withEnabled(left);
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public List<Section> sections() {
        return sections;
    }

    public boolean enabled(InstrumentId instrument) {
        return enabled.contains(instrument);
    }

    public Set<InstrumentId> enabledInstruments() {
        return enabled;
    }

    /** The instrument if it is enabled. */
    public Optional<Instrument> instrument(InstrumentId instrument) {
        return enabled.contains(instrument) ? Optional.of(instruments.get(instrument)) : Optional.empty();
    }

    /** Every defined instrument, enabled or not, in form order (for documentation and configuration screens). */
    public Collection<Instrument> definedInstruments() {
        return instruments.values();
    }

    /** An item the form asks in this configuration. */
    public Optional<Item> item(String itemId) {
        return Optional.ofNullable(askedItems.get(itemId));
    }

    public List<Concern> concerns() {
        return concerns;
    }

    public Optional<Concern> concern(String code) {
        return Optional.ofNullable(concernsByCode.get(code));
    }

    /** Coded choices of a non-scored field, by its JSON pointer (e.g. {@code /about/sex}). */
    public List<Choice> choices(String pointer) {
        return choices.getOrDefault(pointer, List.of());
    }

    public Map<String, List<Choice>> allChoices() {
        return choices;
    }

    /**
     * Checks answers and concerns against this questionnaire and returns every problem, in form order
     * (an empty list when the submission is valid). Rules: every answer belongs to an asked item and is
     * one of its options; every asked item of a required instrument is answered, and so is every asked
     * item of an optional instrument once any of its items is; standalone items are required; concern
     * codes are known. An item whose skip condition does not hold may still be answered. {@code null}
     * answers or concerns count as none.
     */
    public List<FieldError> validate(Map<String, Integer> answers, List<String> concernCodes) {
        if (answers == null) {
            answers = Map.of();
        }
        if (concernCodes == null) {
            concernCodes = List.of();
        }
        List<FieldError> errors = null;
        TreeSet<String> unknown = null;
        for (Map.Entry<String, Integer> answer : answers.entrySet()) {
            Item item = askedItems.get(answer.getKey());
            if (item == null) {
                if (unknown == null) {
                    unknown = new TreeSet<>();
                }
                unknown.add(answer.getKey());
            } else if (answer.getValue() == null || !item.allows(answer.getValue())) {
                errors = add(errors, new FieldError(FieldError.answerPointer(item.id()), FieldError.NOT_AN_OPTION,
                        "must be one of " + item.options().stream().map(o -> String.valueOf(o.value())).toList()));
            }
        }
        for (InstrumentId instrumentId : enabled) {
            Instrument instrument = instruments.get(instrumentId);
            boolean required = instrument.requirement() == Requirement.REQUIRED || instrument.answered(answers);
            if (required && instrument.askedWhen().holds(answers)) {
                for (Item item : instrument.items()) {
                    if (!answers.containsKey(item.id()) && item.askedWhen().holds(answers)) {
                        errors = add(errors, required(item));
                    }
                }
            }
        }
        for (Item item : standaloneItems) {
            if (!answers.containsKey(item.id())) {
                errors = add(errors, required(item));
            }
        }
        if (errors != null) {
            errors.sort((a, b) -> Integer.compare(position(a), position(b)));
        }
        if (unknown != null) {
            for (String itemId : unknown) {
                errors = add(errors, new FieldError(FieldError.answerPointer(itemId), FieldError.UNKNOWN_ITEM,
                        "is not a question of this questionnaire"));
            }
        }
        for (int i = 0; i < concernCodes.size(); i++) {
            if (!concernsByCode.containsKey(concernCodes.get(i))) {
                errors = add(errors, new FieldError("/concerns/" + i, FieldError.UNKNOWN_CONCERN,
                        "is not a concern this form offers"));
            }
        }
        return errors == null ? List.of() : List.copyOf(errors);
    }

    private static FieldError required(Item item) {
        return new FieldError(FieldError.answerPointer(item.id()), FieldError.REQUIRED, "is required");
    }

    private int position(FieldError error) {
        return formOrder.getOrDefault(error.pointer().substring("/answers/".length()), Integer.MAX_VALUE);
    }

    private static List<FieldError> add(List<FieldError> errors, FieldError error) {
        List<FieldError> list = errors == null ? new ArrayList<>() : errors;
        list.add(error);
        return list;
    }

    @Override
    public String toString() {
        return id + " v" + version + " " + enabled;
    }
}
