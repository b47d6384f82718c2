package com.therapyplatform.platform.security;

/** The platform's roles, as they appear in a JWT's roles claim and in {@code hasRole(...)}. */
public final class Roles {

    /** Operators: every actuator endpoint except health (metrics, bindings, dead letters, ...). */
    public static final String OPS = "OPS";

    /** Care staff: the roster admin API, the notification audit API, the local SMS sink. */
    public static final String STAFF = "STAFF";

    private Roles() {
    }
}
