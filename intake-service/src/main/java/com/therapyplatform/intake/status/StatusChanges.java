package com.therapyplatform.intake.status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Wakes long-polling readers of an intake's status when the read model changes it. */
public final class StatusChanges {

    private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Completes at the next change of {@code intakeId}; shared by everybody waiting on that intake. */
    public CompletableFuture<Void> next(String intakeId) {
        return waiting.computeIfAbsent(intakeId, id -> new CompletableFuture<>());
    }

    public void changed(String intakeId) {
        CompletableFuture<Void> change = waiting.remove(intakeId);
        if (change != null) {
            change.complete(null);
        }
    }

    /**
     * Drops a wait that timed out, so intakes that never change do not pile up. Another reader of the
     * same intake still waiting on it then returns at its own timeout with the status as it is by then.
     */
    public void forget(String intakeId, CompletableFuture<Void> change) {
        waiting.remove(intakeId, change);
    }

    int waiting() {
        return waiting.size();
    }
}
