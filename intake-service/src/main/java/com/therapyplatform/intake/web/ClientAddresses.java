package com.therapyplatform.intake.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which address a request comes from, for rate limiting. {@code X-Forwarded-For} is believed only when
 * the direct peer is a configured trusted proxy, and only as far back as a chain of trusted proxies
 * reaches: the client is the rightmost address that is not a trusted proxy. Anything else could be
 * written by the client itself to get a fresh bucket with every request.
 */
final class ClientAddresses {

    /** IP literals only, so that parsing never turns into a DNS lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Range> trusted;

    ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Range::parse).toList();
    }

    String clientOf(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer)) {
            return peer;
        }
        String client = peer;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String[] hops = forwardedFor.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].strip();
                Optional<InetAddress> address = parse(hop);
                if (address.isEmpty()) {
                    return client; // garbage in the chain: stop at the last hop a trusted proxy vouched for
                }
                client = address.get().getHostAddress();
                if (!isTrusted(address.get())) {
                    return client;
                }
            }
        }
        return client;
    }

    boolean isTrusted(String address) {
        return parse(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    static Optional<InetAddress> parse(String literal) {
        if (literal == null || literal.isEmpty() || !IP_LITERAL.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address or CIDR range. */
    record Range(byte[] network, int prefix) {

        static Range parse(String spec) {
            String[] parts = spec.strip().split("/", 2);
            InetAddress address = ClientAddresses.parse(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + spec));
            byte[] bytes = address.getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + spec);
            }
            return new Range(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
