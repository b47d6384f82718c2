package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.roster.ClinicianProfile;
import com.therapyplatform.matching.domain.LedgerCommand;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes the roster and ledger commands. A roster change and the nudge to the clinician's ledger go in
 * one Kafka transaction, so the ledger offers new room to the waitlist at once (its periodic refill
 * would find it too, a little later).
 */
public class RosterWriter {

    private final KafkaTemplate<String, byte[]> template;

    public RosterWriter(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    public void put(ClinicianProfile profile) {
        write(profile.id(), EventJson.writeValue(profile));
    }

    public void remove(String clinicianId) {
        write(clinicianId, null);
    }

    /** An engagement ended: the clinician's ledger frees the slot and offers it to the waitlist. */
    public void release(String clinicianId, String intakeId) {
        template.executeInTransaction(ops -> ops.send(Topics.MATCHING_LEDGER, clinicianId,
                InternalJson.write(new LedgerCommand.Release(intakeId))));
    }

    private void write(String clinicianId, byte[] profile) {
        template.executeInTransaction(ops -> {
            ops.send(Topics.CLINICIANS, clinicianId, profile);
            return ops.send(Topics.MATCHING_LEDGER, clinicianId, InternalJson.write(new LedgerCommand.Refill()));
        });
    }
}
