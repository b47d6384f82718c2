package com.therapyplatform.triage.domain;

import java.util.Arrays;

/** Severity bands of a total score: each band runs from its lower bound up to the next band's. */
public final class Bands {

    private final int[] lowerBounds;
    private final String[] names;

    private Bands(int[] lowerBounds, String[] names) {
        this.lowerBounds = lowerBounds;
        this.names = names;
    }

    /** Pairs of name and lower bound, lowest first: {@code of("minimal", 0, "mild", 5, ...)}. */
    static Bands of(Object... nameThenLowerBound) {
        int count = nameThenLowerBound.length / 2;
        int[] bounds = new int[count];
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = (String) nameThenLowerBound[2 * i];
            bounds[i] = (Integer) nameThenLowerBound[2 * i + 1];
            if (i > 0 && bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bands must rise: " + Arrays.toString(nameThenLowerBound));
            }
        }
        return new Bands(bounds, names);
    }

    public String of(int total) {
        for (int i = lowerBounds.length - 1; i > 0; i--) {
            if (total >= lowerBounds[i]) {
                return names[i];
            }
        }
        return names[0];
    }

    /** The lower bound of band {@code name}. */
    public int lowerBound(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return lowerBounds[i];
            }
        }
        throw new IllegalArgumentException("no band " + name);
    }
}
