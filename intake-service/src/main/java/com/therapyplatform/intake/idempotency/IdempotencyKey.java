package com.therapyplatform.intake.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's {@code Idempotency-Key}, and everything this service derives from it. The raw key is
 * never stored or logged; what is kept on Kafka is only derived from it:
 * <ul>
 * <li>{@link #recordKey()}: a SHA-256 of the key, to find the earlier submission;</li>
 * <li>{@link #fingerprint(byte[])}: an HMAC of the request, keyed with the raw key, to tell a retry
 * from another request under the same key without keeping (or making guessable) a hash of the answers;</li>
 * <li>{@link #seal(String, String)}: the status token, encrypted with AES-GCM under a key derived from
 * the raw key.</li>
 * </ul>
 * Why the client's key and not a secret from configuration: only the client that holds the key can
 * open the sealed token, the service holds nothing that opens all of them (a leaked server secret
 * plus read access to the topic would reveal every recent token), nothing needs configuring or
 * rotating, and every instance, before and after a restart, derives the same values. The status
 * token itself stays 32 random bytes with only its SHA-256 on the status topic, so the existing
 * token check is unchanged. The price: a key must be unguessable, like the token it protects, so
 * it must be at least 16 characters and clients should send a random UUID.
 */
public final class IdempotencyKey {

    /** RFC 8941 token-ish characters; a random UUID fits. Quotes of a structured-field string are dropped first. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:~+/=-]{16,128}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] raw;

    private IdempotencyKey(String raw) {
        this.raw = raw.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The key from the header value, plain or as a structured-field string ({@code "..."}, as the IETF
     * draft writes it).
     *
     * @throws InvalidIdempotencyKeyException when it is not 16 to 128 characters of {@code A-Z a-z 0-9 . _ : ~ + / = -}
     */
    public static IdempotencyKey parse(String header) {
        String value = header == null ? "" : header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        return new IdempotencyKey(value);
    }

    /** What the submission is stored under: base64url SHA-256 of the key, in a namespace of its own. */
    public String recordKey() {
        return BASE64URL.encodeToString(sha256(concat("intake-idempotency-key/v1\0".getBytes(StandardCharsets.US_ASCII),
                raw)));
    }

    /** HMAC-SHA256 (keyed with the raw key) of the canonical request. */
    public String fingerprint(byte[] canonicalRequest) {
        return BASE64URL.encodeToString(hmac("request/v1\0", canonicalRequest));
    }

    /** The token encrypted (AES-256-GCM, random nonce, bound to the intake id); base64url of nonce and ciphertext. */
    public String seal(String statusToken, String intakeId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, intakeId);
            byte[] sealed = cipher.doFinal(statusToken.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM", e);
        }
    }

    /** The token {@link #seal} sealed for this key and intake; empty if it was sealed under another key or altered. */
    public Optional<String> open(String sealed, String intakeId) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, intakeId);
            return Optional.of(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.US_ASCII));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String intakeId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(hmac("status-token-key/v1\0", new byte[0]), "AES"),
                new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(intakeId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private byte[] hmac(String purpose, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "IdempotencyKey[redacted]";
    }
}
