package org.citygraph.feeds.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class NetworkPolicyTest {

    static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void refusesInternalAddressesByDefault() throws Exception {
        var policy = NetworkPolicy.publicOnly();
        for (var address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "100.64.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1")) {
            assertThat(policy.permits(ip(address))).as(address).isFalse();
        }
    }

    @Test
    void permitsPublicAddresses() throws Exception {
        var policy = NetworkPolicy.publicOnly();
        for (var address : List.of("8.8.8.8", "211.234.125.1", "2001:4860:4860::8888")) {
            assertThat(policy.permits(ip(address))).as(address).isTrue();
        }
    }

    @Test
    void anAdminCanAllowAnInternalNetwork() throws Exception {
        var policy = new NetworkPolicy(List.of(NetworkPolicy.Cidr.parse("10.20.0.0/16")));
        assertThat(policy.permits(ip("10.20.3.4"))).isTrue();
        assertThat(policy.permits(ip("10.21.3.4"))).isFalse();
    }
}
