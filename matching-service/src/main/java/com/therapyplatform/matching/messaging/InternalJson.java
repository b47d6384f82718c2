package com.therapyplatform.matching.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.matching.domain.DeskMessage;
import com.therapyplatform.matching.domain.LedgerCommand;
import com.therapyplatform.platform.kafka.PoisonRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of matching-service's internal records (desk messages, ledger commands, state). The type
 * information lives in mix-ins here, so the pure domain carries no serialization annotations.
 */
public final class InternalJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = DeskMessage.Triaged.class, name = "Triaged"),
            @JsonSubTypes.Type(value = DeskMessage.Reservation.class, name = "Reservation"),
            @JsonSubTypes.Type(value = DeskMessage.Offer.class, name = "Offer")})
    interface DeskMessageMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = LedgerCommand.Reserve.class, name = "Reserve"),
            @JsonSubTypes.Type(value = LedgerCommand.Accept.class, name = "Accept"),
            @JsonSubTypes.Type(value = LedgerCommand.Decline.class, name = "Decline"),
            @JsonSubTypes.Type(value = LedgerCommand.Release.class, name = "Release"),
            @JsonSubTypes.Type(value = LedgerCommand.Refill.class, name = "Refill"),
            @JsonSubTypes.Type(value = LedgerCommand.OnCallAssigned.class, name = "OnCallAssigned")})
    interface LedgerCommandMixin {
    }

    private static final JsonMapper MAPPER = EventJson.mapper().rebuild()
            .addMixIn(DeskMessage.class, DeskMessageMixin.class)
            .addMixIn(LedgerCommand.class, LedgerCommandMixin.class)
            .build();

    private InternalJson() {
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Null for null (a tombstone or an absent store entry). */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new PoisonRecordException("INVALID_INTERNAL_RECORD");
        }
    }
}
