package org.citygraph.feeds.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses the hub may fetch from. By default only public internet addresses: loopback,
 * private, link-local (cloud metadata among them), carrier-grade NAT, unique-local, multicast and
 * unspecified addresses are refused, so that a feed or webhook URL cannot make the hub reach into
 * the city's own network (server-side request forgery). An admin may allow networks by CIDR.
 */
public final class NetworkPolicy {

    /** A network in CIDR notation, e.g. 10.20.0.0/16 or fd00::/8. */
    public record Cidr(byte[] network, int prefix) {

        public static Cidr parse(String text) {
            var slash = text.indexOf('/');
            try {
                var address = InetAddress.getByName(slash < 0 ? text.strip() : text.substring(0, slash).strip());
                int bits = address.getAddress().length * 8;
                int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).strip());
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("Bad prefix length in " + text);
                }
                return new Cidr(address.getAddress(), prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not a CIDR network: " + text, e);
            }
        }

        public boolean contains(InetAddress address) {
            var bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Cidr> ALWAYS_INTERNAL = List.of(
            Cidr.parse("100.64.0.0/10"), Cidr.parse("198.18.0.0/15"), Cidr.parse("192.0.0.0/24"), Cidr.parse("0.0.0.0/8"),
            Cidr.parse("240.0.0.0/4"), Cidr.parse("fc00::/7"), Cidr.parse("64:ff9b::/96"));

    private final List<Cidr> allowed;

    /** @param allowed networks admitted although internal, e.g. a city intranet's news server */
    public NetworkPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static NetworkPolicy publicOnly() {
        return new NetworkPolicy(List.of());
    }

    public boolean permits(InetAddress address) {
        var effective = unwrapMapped(address);
        for (var cidr : allowed) {
            if (cidr.contains(effective) || cidr.contains(address)) {
                return true;
            }
        }
        return !isInternal(effective);
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        return ALWAYS_INTERNAL.stream().anyMatch(c -> c.contains(address));
    }

    /** An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is. */
    private static InetAddress unwrapMapped(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var bytes = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            mapped &= (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }
}
