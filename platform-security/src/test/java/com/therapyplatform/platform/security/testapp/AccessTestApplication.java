package com.therapyplatform.platform.security.testapp;

import com.therapyplatform.platform.security.StaffAccessLog;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with one endpoint of each class: public (GET only), staff (with a PHI-bearing read), unlisted. */
@SpringBootApplication
public class AccessTestApplication {

    /** What the staff read returns: PHI that must reach the caller and never the access log. */
    public static final String PHI_NAME = "Riley Example";
    public static final String PHI_EMAIL = "riley@example.org";

    @RestController
    static class Endpoints {

        private final StaffAccessLog accessLog;

        Endpoints(StaffAccessLog accessLog) {
            this.accessLog = accessLog;
        }

        @GetMapping("/open")
        String open() {
            return "open";
        }

        @PostMapping("/open")
        String openPost() {
            return "posted";
        }

        @GetMapping("/staff/intakes/{intakeId}")
        Map<String, String> intake(@PathVariable String intakeId) {
            accessLog.intakeRead("test-intake.read", intakeId);
            return Map.of("intakeId", intakeId, "name", PHI_NAME, "email", PHI_EMAIL);
        }

        @GetMapping("/staff/list")
        String list() {
            accessLog.listRead("test-list.read");
            return "[]";
        }

        @GetMapping("/ops/replays")
        String opsOnly() {
            return "[]";
        }

        @GetMapping("/unlisted")
        String unlisted() {
            return "nobody should see this";
        }
    }
}
