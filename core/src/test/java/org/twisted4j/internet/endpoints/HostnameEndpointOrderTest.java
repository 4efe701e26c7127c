package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostnameEndpointOrderTest {

    private static List<InetAddress> addresses(String... literals) throws UnknownHostException {
        List<InetAddress> list = new ArrayList<>();
        for (String literal : literals) {
            list.add(InetAddress.getByName(literal));
        }
        return list;
    }

    private static List<String> order(String... literals) throws UnknownHostException {
        return HostnameEndpoint.interleaved(addresses(literals)).stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void familiesAlternateStartingWithTheFirstAddresssFamily() throws UnknownHostException {
        assertThat(order("192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8::2"))
                .containsExactly("192.0.2.1", "2001:db8:0:0:0:0:0:1", "192.0.2.2", "2001:db8:0:0:0:0:0:2");
        assertThat(order("2001:db8::1", "2001:db8::2", "192.0.2.1"))
                .containsExactly("2001:db8:0:0:0:0:0:1", "192.0.2.1", "2001:db8:0:0:0:0:0:2");
    }

    @Test
    void orderWithinAFamilyIsKept() throws UnknownHostException {
        assertThat(order("192.0.2.3", "192.0.2.1", "192.0.2.2"))
                .containsExactly("192.0.2.3", "192.0.2.1", "192.0.2.2");
    }

    @Test
    void ipLiteralsAreRecognisedWithoutLookups() {
        assertThat(IpLiterals.parse("192.0.2.1")).isNotNull();
        assertThat(IpLiterals.parse("::1")).isNotNull();
        assertThat(IpLiterals.parse("fe80::1%1")).isNotNull();
        assertThat(IpLiterals.parse("example.com")).isNull();
        assertThat(IpLiterals.parse("1.2.3")).isNull();
        assertThat(IpLiterals.parse("dead:beef:xyz")).isNull();
        assertThat(IpLiterals.isIPv6("::ffff:192.0.2.1")).isTrue();
        assertThat(IpLiterals.isIPv6("192.0.2.1")).isFalse();
    }
}
