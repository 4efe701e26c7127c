package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.UNIXAddress;

class ExampleMainTest {

    @Test
    void describesAddressesAsEndpointDescriptionsWouldName() {
        assertThat(ExampleMain.describe(new IPv4Address(AddressType.TCP, "127.0.0.1", 8000))).isEqualTo("tcp:127.0.0.1:8000");
        assertThat(ExampleMain.describe(new IPv4Address(AddressType.UDP, "0.0.0.0", 53))).isEqualTo("udp:0.0.0.0:53");
        assertThat(ExampleMain.describe(new IPv6Address(AddressType.TCP, "::1", 80))).isEqualTo("tcp6:[::1]:80");
        assertThat(ExampleMain.describe(new UNIXAddress(Path.of("/run/echo.sock")))).isEqualTo("unix:/run/echo.sock");
    }
}
