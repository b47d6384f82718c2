package com.therapyplatform.notification.web;

import com.therapyplatform.notification.messaging.NotificationTables;
import com.therapyplatform.platform.security.StaffAccessLog;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification audit trail of one intake, for staff: every NotificationSent and NotificationFailed,
 * oldest first, from notification's stores over {@code notification.sent.v1} and
 * {@code notification.failed.v1} (complete on every instance). Role STAFF only (platform-security); every read is written to the staff
 * access log with the intake id.
 */
@RestController
@RequestMapping(path = "/api/v1/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationAuditController {

    record AuditTrail(String intakeId, List<AuditEntry> notifications) {
    }

    private final NotificationTables tables;
    private final StaffAccessLog accessLog;

    NotificationAuditController(NotificationTables tables, StaffAccessLog accessLog) {
        this.tables = tables;
        this.accessLog = accessLog;
    }

    @GetMapping
    AuditTrail trail(@RequestParam String intakeId) {
        String id = canonical(intakeId);
        accessLog.intakeRead("notification-audit.read", id);
        return new AuditTrail(id, tables.deliveries(id).stream()
                .map(AuditEntry::of)
                .sorted(Comparator.comparing(AuditEntry::occurredAt).thenComparing(AuditEntry::eventId))
                .toList());
    }

    /** Intake ids are UUIDs (intake-service makes them); anything else is refused without being echoed. */
    private static String canonical(String intakeId) {
        try {
            String canonical = UUID.fromString(intakeId.strip()).toString();
            if (!canonical.equalsIgnoreCase(intakeId.strip())) {
                throw new InvalidIntakeId();
            }
            return canonical;
        } catch (IllegalArgumentException e) {
            throw new InvalidIntakeId();
        }
    }

    static final class InvalidIntakeId extends RuntimeException {

        InvalidIntakeId() {
            super("invalid intake id", null, false, false);
        }
    }
}
