package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void addressesWithEqualPartsAreEqual() {
        assertThat(new IPv4Address(AddressType.TCP, "127.0.0.1", 80))
                .isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", 80))
                .isNotEqualTo(new IPv4Address(AddressType.UDP, "127.0.0.1", 80));
        assertThat(new UNIXAddress(Path.of("/tmp/s"))).isEqualTo(new UNIXAddress(Path.of("/tmp/s")));
    }

    @Test
    void portOutsideTheRangeIsRejected() {
        assertThatThrownBy(() -> new IPv4Address(AddressType.TCP, "127.0.0.1", 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> new IPv6Address(AddressType.TCP, "::1", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsAtTheEdgesAreAccepted() {
        assertThat(new IPv4Address(AddressType.UDP, "0.0.0.0", 0).port()).isZero();
        assertThat(new IPv6Address(AddressType.TCP, "::", 65_535).port()).isEqualTo(65_535);
    }

    @Test
    void unnamedUnixSocketHasNoPath() {
        assertThat(new UNIXAddress(null).path()).isNull();
    }

    @Test
    void switchOverAddressKindsIsExhaustive() {
        Address address = new IPv6Address(AddressType.TCP, "::1", 8080);
        String text = switch (address) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> String.valueOf(a.path());
        };
        assertThat(text).isEqualTo("[::1]:8080");
    }

    @Test
    void abstractUnixNamesReadAsTwistedsNameWithALeadingNul() {
        UNIXAddress address = UNIXAddress.abstractName("app");
        assertThat(address.isAbstract()).isTrue();
        assertThat(address.path()).isNull();
        assertThat(address.name()).isEqualTo("\0app");
        assertThat(address).isEqualTo(UNIXAddress.abstractName("app")).isNotEqualTo(new UNIXAddress(Path.of("app")));
        assertThat(new UNIXAddress(Path.of("/s")).name()).isEqualTo("/s");
        assertThat(new UNIXAddress(null).name()).isNull();
        assertThatThrownBy(() -> new UNIXAddress(Path.of("/s"), "app")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UNIXAddress.abstractName("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UNIXAddress.abstractName("é".repeat(54)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 108");
        assertThat(UNIXAddress.abstractName("n".repeat(107)).abstractName()).hasSize(107);
    }

    @Test
    void unixAddressesDisplayAsSsShowsThem() {
        assertThat(UNIXAddress.abstractName("app").display()).isEqualTo("@app");
        assertThat(new UNIXAddress(Path.of("/run/app.sock")).display()).isEqualTo("/run/app.sock");
        assertThat(new UNIXAddress(null).display()).isEqualTo("(unnamed)");
    }
}
