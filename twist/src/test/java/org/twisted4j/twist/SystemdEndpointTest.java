package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;

/** The {@code systemd:} description and the {@code LISTEN_*} variables, without sockets. */
class SystemdEndpointTest {
    private static final long PID = 4242;

    @Test
    void passedSocketsAreCountedAndNamedFromDescriptorThree() {
        ListenFds fds = ListenFds.from(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "web:admin"), PID);

        assertThat(fds).isEqualTo(new ListenFds(2, List.of("web", "admin")));
        assertThat(fds.descriptorAt(1)).isEqualTo(4);
        assertThat(fds.descriptorNamed("web")).isEqualTo(3);
        assertThatThrownBy(() -> fds.descriptorAt(2)).hasMessage("no socket at index 2: systemd passed 2");
        assertThatThrownBy(() -> fds.descriptorNamed("api"))
                .hasMessage("no socket named 'api' was passed by systemd (LISTEN_FDNAMES: web, admin)");
    }

    @Test
    void socketsPassedToAnotherProcessOrNotAtAllAreRefused() {
        assertThatThrownBy(() -> ListenFds.from(Map.of(), PID)).hasMessageContaining("LISTEN_PID and LISTEN_FDS");
        assertThatThrownBy(() -> ListenFds.from(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "1"), PID))
                .hasMessage("the sockets were passed to process 1 (LISTEN_PID), not to this one (4242)");
        assertThatThrownBy(() -> ListenFds.from(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "x"), PID))
                .hasMessage("LISTEN_FDS is not a count of sockets: 'x'");
        assertThatThrownBy(() -> ListenFds.from(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "web"), PID)).hasMessage("LISTEN_FDNAMES names 1 sockets, LISTEN_FDS says 2");
    }

    @Test
    void descriptionNamesADomainAndAnIndexOrAName() {
        NioReactor reactor = new NioReactor();
        assertThat(Endpoints.serverFromString(reactor, "systemd:domain=INET:index=0").toString())
                .isEqualTo("systemd:domain=INET:index=0");
        assertThat(Endpoints.serverFromString(reactor, "systemd:unix:name=web").toString())
                .isEqualTo("systemd:domain=UNIX:name=web");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "systemd:domain=IPX:index=0"))
                .hasMessageContaining("domain").hasMessageContaining("[INET, INET6, UNIX]");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "systemd:domain=INET"))
                .hasMessage("give one of index and name in 'systemd:domain=INET'");
        assertThatThrownBy(() -> Endpoints.serverFromString(reactor, "systemd:domain=INET:index=0:name=web"))
                .hasMessageContaining("give one of index and name");
    }

    @Test
    void listeningWithoutPassedSocketsFailsWithCannotListen() {
        SystemdEndpoint endpoint = new SystemdEndpoint(new NioReactor(), SystemdEndpoint.Domain.INET, 0, null,
                Map.of());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        endpoint.listen(new Factory() { }).addErrback(f -> {
            failure.set(f.value());
            return null;
        });

        assertThat(failure.get()).isInstanceOf(CannotListenError.class)
                .hasMessageContaining("systemd:domain=INET:index=0").hasMessageContaining("no sockets were passed");
    }
}
