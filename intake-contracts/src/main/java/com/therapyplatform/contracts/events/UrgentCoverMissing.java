package com.therapyplatform.contracts.events;

import java.util.List;

/**
 * An urgent intake found no on-call crisis cover for the client's state: ops must find cover now. The
 * intake stays first in line and is assigned as soon as cover comes on call.
 */
public record UrgentCoverMissing(String state, RiskTier riskTier, List<String> reasonCodes) {

    public UrgentCoverMissing {
        reasonCodes = List.copyOf(reasonCodes);
    }
}
