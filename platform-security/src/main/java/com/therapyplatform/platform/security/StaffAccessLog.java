package com.therapyplatform.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The staff access log: one record per staff read of a PHI-bearing endpoint, on the dedicated logger
 * {@value #LOGGER}. It says who (the authenticated principal's name), what (an action and the endpoint as
 * mapped, e.g. {@code GET /api/v1/clinicians/{id}}), when (UTC) and which intake or clinician (ids only,
 * checked against their formats, so nothing a caller typed is echoed), never the data that was read.
 *
 * <p>Call it from the controller once the request is valid and before the data is returned, so a read that
 * was answered always has its record.
 */
public class StaffAccessLog {

    /** Route this logger to the audit sink of your log pipeline (docs/security.md). */
    public static final String LOGGER = "AUDIT";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CLINICIAN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String NONE = "-";

    private final Clock clock;

    public StaffAccessLog(Clock clock) {
        this.clock = clock;
    }

    /** A read of one intake's data ({@code intakeId}: a UUID). */
    public void intakeRead(String action, String intakeId) {
        write(action, checked(intakeId, UUID), NONE);
    }

    /** A read of one clinician's data. */
    public void clinicianRead(String action, String clinicianId) {
        write(action, NONE, checked(clinicianId, CLINICIAN_ID));
    }

    /** A read of a list that spans intakes or clinicians (no single subject). */
    public void listRead(String action) {
        write(action, NONE, NONE);
    }

    private void write(String action, String intakeId, String clinicianId) {
        String principal = principal();
        String endpoint = endpoint();
        String at = clock.instant().toString();
        log.atInfo()
                .addKeyValue("event", "staff-access")
                .addKeyValue("principal", principal)
                .addKeyValue("action", action)
                .addKeyValue("endpoint", endpoint)
                .addKeyValue("intakeId", intakeId)
                .addKeyValue("clinicianId", clinicianId)
                .addKeyValue("at", at)
                .log("staff-access principal={} action={} endpoint=\"{}\" intakeId={} clinicianId={} at={}",
                        principal, action, endpoint, intakeId, clinicianId, at);
    }

    /** The id as it is when it has the expected format, else "invalid": what a caller typed is never logged. */
    private static String checked(String id, Pattern format) {
        if (id == null) {
            return NONE;
        }
        return format.matcher(id).matches() ? id : "invalid";
    }

    private static String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return "anonymous";
        }
        return authentication.getName();
    }

    /** The handler's path pattern, not the raw URI: a pattern never holds caller input. */
    private static String endpoint() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return NONE;
        }
        HttpServletRequest request = servlet.getRequest();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return request.getMethod() + " " + (pattern == null ? NONE : pattern.toString());
    }
}
