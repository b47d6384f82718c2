package com.therapyplatform.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodedTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final MatchingStores.Decoded<String> decoded = new MatchingStores.Decoded<>(raw -> {
        decodes.incrementAndGet();
        return new String(raw, StandardCharsets.UTF_8).toUpperCase();
    });

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueIsDecodedOncePerVersionOfItsBytesAndAgainWhenTheyChange() {
        assertThat(decoded.get("c1", bytes("v1"))).isEqualTo("V1");
        assertThat(decoded.get("c1", bytes("v1"))).isEqualTo("V1"); // equal bytes, a different array
        assertThat(decodes).hasValue(1);

        assertThat(decoded.get("c1", bytes("v2"))).isEqualTo("V2");
        assertThat(decoded.get("c2", bytes("v1"))).isEqualTo("V1");
        assertThat(decodes).hasValue(3);
    }

    @Test
    void aKeyWithoutBytesIsAbsentAndItsOldValueIsNotServedAgain() {
        decoded.get("c1", bytes("v1"));
        assertThat(decoded.get("c1", null)).isNull();
        assertThat(decoded.get("c1", bytes("v1"))).isEqualTo("V1");
        assertThat(decodes).hasValue(2);
    }
}
