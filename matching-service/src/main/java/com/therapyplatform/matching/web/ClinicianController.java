package com.therapyplatform.matching.web;

import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.messaging.MatchingStreams;
import com.therapyplatform.matching.messaging.RosterWriter;
import com.therapyplatform.platform.security.StaffAccessLog;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The roster admin API. Reads come from the roster as materialized from {@code clinicians.v1} on this
 * instance; writes go to Kafka and answer {@code 202} once the broker acknowledged them (the roster
 * shows them a moment later). Role STAFF only (platform-security, {@code platform.security.staff-paths}); reads
 * of clinician data are written to the staff access log.
 */
@RestController
@RequestMapping(path = "/api/v1/clinicians", produces = MediaType.APPLICATION_JSON_VALUE)
class ClinicianController {

    private static final Logger log = LoggerFactory.getLogger(ClinicianController.class);

    private final MatchingStreams streams;
    private final RosterWriter writer;
    private final StaffAccessLog accessLog;

    ClinicianController(MatchingStreams streams, RosterWriter writer, StaffAccessLog accessLog) {
        this.streams = streams;
        this.writer = writer;
        this.accessLog = accessLog;
    }

    @GetMapping
    List<ClinicianResource> list() {
        accessLog.listRead("roster.list");
        return streams.clinicians().stream().map(this::resource).toList();
    }

    @GetMapping("/{id}")
    ClinicianResource get(@PathVariable String id) {
        ClinicianProfile profile = existing(id);
        accessLog.clinicianRead("roster.read", id);
        return resource(profile);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ClinicianProfile> put(@PathVariable String id, @Valid @RequestBody ClinicianRequest request) {
        checkId(id);
        if (request.id() != null && !request.id().equals(id)) {
            throw new InvalidRequest("/id", "must equal the id in the path");
        }
        ClinicianProfile profile = request.toProfile(id);
        writer.put(profile);
        log.info("Roster: clinician {} written", id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/clinicians/" + id))
                .body(profile);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        existing(id);
        writer.remove(id);
        log.info("Roster: clinician {} removed", id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** An engagement ended; the clinician need not be on the roster any more. */
    @PostMapping(path = "/{id}/releases", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> release(@PathVariable String id, @Valid @RequestBody ReleaseRequest request) {
        checkId(id);
        writer.release(id, request.intakeId());
        log.info("Released intake {} from clinician {}", request.intakeId(), id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    private ClinicianProfile existing(String id) {
        checkId(id);
        return streams.clinician(id).orElseThrow(() -> new ClinicianNotFound());
    }

    private static void checkId(String id) {
        if (!id.matches(ClinicianRequest.ID)) {
            throw new InvalidRequest("/id", "must be letters, digits, '-' or '_' (at most 64)");
        }
    }

    private ClinicianResource resource(ClinicianProfile profile) {
        var caseload = streams.caseload(profile.id());
        return new ClinicianResource(profile, new ClinicianResource.Caseload(caseload.assigned(), caseload.held(),
                caseload.onCall(), profile.caseloadCapacity()));
    }

    static final class ClinicianNotFound extends RuntimeException {
        ClinicianNotFound() {
            super(null, null, false, false);
        }
    }

    static final class InvalidRequest extends RuntimeException {
        final String pointer;
        final String detail;

        InvalidRequest(String pointer, String detail) {
            super(null, null, false, false);
            this.pointer = pointer;
            this.detail = detail;
        }
    }
}
