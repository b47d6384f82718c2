package com.therapyplatform.contracts.events;

/** The priority lane: enough to page on-call cover and send crisis resources, nothing more. */
public record UrgentIntakeFlagged(RoutingProfile routing, RiskTier riskTier, String rulesVersion) {
}
