package com.therapyplatform.matching.messaging;

import com.therapyplatform.contracts.EventDecodingException;
import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.matching.domain.DeskMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Routine intakes into the desk's inbox. Urgent ones are skipped: they are assigned from the priority
 * lane only. The extra hop gives the desk a single input topic, so its two kinds of input (new intakes,
 * answers from ledgers) always meet in the same task, whatever the partition count of the upstream topic.
 */
final class TriagedIngress implements Processor<String, byte[], String, byte[]> {

    static final String TO_DESK = "ingress-to-desk";
    static final String TO_DLT = "ingress-to-dlt";

    private ProcessorContext<String, byte[]> context;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope<IntakeTriaged> triaged;
        try {
            triaged = EventJson.read(record.value(), Events.INTAKE_TRIAGED);
        } catch (EventDecodingException e) {
            context.forward(Outputs.deadLetter(record, e, context), TO_DLT);
            return;
        }
        if (triaged.payload().categories().contains(Category.URGENT)) {
            return; // assigned from the priority lane
        }
        context.forward(Outputs.internal(record, triaged.intakeId(), new DeskMessage.Triaged(triaged)), TO_DESK);
    }
}
