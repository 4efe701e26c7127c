package org.twisted4j.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.twisted4j.internet.NioReactor;

/** The {@code stdio:} description; the transport itself is tested in {@code StandardIOTest}. */
class StandardIOEndpointTest {
    private final NioReactor reactor = new NioReactor();

    @Test
    void stdioNamesTheStandardIOEndpointForServersAndClients() {
        assertThat(Endpoints.serverFromString(reactor, "stdio:")).isInstanceOf(StandardIOEndpoint.class);
        assertThat(Endpoints.serverFromString(reactor, "stdio")).isInstanceOf(StandardIOEndpoint.class);
        assertThat(Endpoints.clientFromString(reactor, "STDIO:")).isInstanceOf(StandardIOEndpoint.class);
    }

    @Test
    void stdioTakesNoArguments() {
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "stdio:0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stdio takes no arguments in 'stdio:0'");
        assertThatThrownBy(() -> Endpoints.clientFromString(reactor, "stdio:fd=3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stdio takes no arguments");
    }

    @Test
    void stdioNeedsAReactorBackend() {
        assertThatThrownBy(() -> Endpoints.serverFromString(new UnusedReactor(), "stdio:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a ReactorBackend");
    }
}
