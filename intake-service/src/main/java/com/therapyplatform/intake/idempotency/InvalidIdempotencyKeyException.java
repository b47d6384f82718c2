package com.therapyplatform.intake.idempotency;

/** The {@code Idempotency-Key} header is not a key this service accepts; carries no part of it. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException() {
        super("Idempotency-Key must be 16 to 128 characters of A-Z a-z 0-9 . _ : ~ + / = -", null, false, false);
    }
}
