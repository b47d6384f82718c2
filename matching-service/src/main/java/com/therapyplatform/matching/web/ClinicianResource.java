package com.therapyplatform.matching.web;

import com.therapyplatform.contracts.roster.ClinicianProfile;

/**
 * A clinician as the admin API shows it: the profile, and the caseload as the ledger last published
 * it ({@code assigned + held} routine clients against the capacity; on-call cover apart).
 */
record ClinicianResource(ClinicianProfile profile, Caseload caseload) {

    record Caseload(int assigned, int held, int onCall, int capacity) {
    }
}
