package com.therapyplatform.contracts.events;

import java.util.List;

/** No suitable clinician now; {@code unmetConstraints} names what nobody satisfied. */
public record IntakeWaitlisted(List<String> unmetConstraints, List<String> reasonCodes) {

    public IntakeWaitlisted {
        unmetConstraints = List.copyOf(unmetConstraints);
        reasonCodes = List.copyOf(reasonCodes);
    }
}
