package org.twisted4j.testing.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.endpoints.EndpointParsers;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.testing.MemoryReactor;

class EndpointPluginsTest {
    private final MemoryReactor reactor = new MemoryReactor();

    @Test
    void parsersListedForTheServiceLoaderJoinTheStandardOnesSkippingBrokenEntries() {
        assertThat(EndpointParsers.standard().serverPrefixes()).contains("tcp", "tcp6", "unix", "example");
        assertThat(EndpointParsers.standard().clientPrefixes()).contains("tcp", "tcp6", "unix", "example");
        assertThat(EndpointParsers.builtIn().serverPrefixes()).doesNotContain("example");
    }

    @Test
    void serverFromStringUsesAPluginForItsPrefix() {
        assertThat(Endpoints.serverFromString(reactor, "example:7:greeting=hi\\:there"))
                .isEqualTo(new ExampleParsers.Example(reactor, Map.of("port", "7", "greeting", "hi:there")));
    }

    @Test
    void clientFromStringUsesAPluginForItsPrefix() {
        assertThat(Endpoints.clientFromString(reactor, "Example:host:9"))
                .isEqualTo(new ExampleParsers.Example(reactor, Map.of("host", "host", "port", "9")));
    }

    @Test
    void pluginErrorsNameTheBadPartLikeBuiltInOnes() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "example:x"))
                .hasMessage("port 'x' in 'example:x' is not a number");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "exampel:1"))
                .hasMessage("unknown endpoint type 'exampel' in 'exampel:1'; known: example, haproxy, ssl, stdio, tcp, tcp6,"
                        + " unix");
    }
}
