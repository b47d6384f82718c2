package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    @Test
    void peerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(addresses.clientOf("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightmostUntrustedAddress() {
        // the client wrote 1.2.3.4 itself; the outer proxy appended what it saw, the inner proxy is trusted too
        assertThat(addresses.clientOf("127.0.0.1", List.of("1.2.3.4, 198.51.100.7", "10.1.2.3")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void trustedProxyWithoutAHeaderIsItselfTheClient() {
        assertThat(addresses.clientOf("10.4.4.4", List.of())).isEqualTo("10.4.4.4");
    }

    @Test
    void garbageInTheChainStopsAtTheLastVouchedForHop() {
        assertThat(addresses.clientOf("127.0.0.1", List.of("unknown, 10.0.0.9"))).isEqualTo("10.0.0.9");
        assertThat(addresses.clientOf("127.0.0.1", List.of("evil.example.org"))).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6RangesAndAddressesMatch() {
        assertThat(addresses.isTrusted("fd12:3456::1")).isTrue();
        assertThat(addresses.isTrusted("2001:db8::1")).isFalse();
        assertThat(addresses.isTrusted("11.0.0.1")).isFalse();
        assertThat(addresses.isTrusted("10.255.255.255")).isTrue();
        assertThat(addresses.isTrusted("localhost")).as("names are never resolved").isFalse();
    }

    @Test
    void misconfiguredRangeFailsAtStartUp() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
    }
}
