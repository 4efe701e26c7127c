package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.application.Service;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.protocols.portforward.ProxyFactory;
import org.twisted4j.testing.MemoryReactor;

class PortForwardPluginTest {

    private final PortForwardPlugin plugin = new PortForwardPlugin();
    private final MemoryReactor reactor = new MemoryReactor();

    private Service make(String... args) {
        return plugin.makeService(reactor, plugin.options().parse(List.of(args)));
    }

    @Test
    void aBarePortNumberListensOnThatTcpPortAndForwardsToHostAndDestPort() {
        Service service = make("-p", "8080", "--host", "example.org", "-d", "80");
        service.privilegedStartService();
        service.startService();
        assertThat(reactor.tcpServers()).hasSize(1);
        MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
        assertThat(server.port()).isEqualTo(8080);
        assertThat(server.factory()).isInstanceOfSatisfying(ProxyFactory.class, proxy -> {
            assertThat(proxy.host()).isEqualTo("example.org");
            assertThat(proxy.port()).isEqualTo(80);
        });
    }

    @Test
    void theDefaultsAreTwistedsPortsAndLocalhost() {
        make().startService();
        MemoryReactor.TcpServer server = reactor.tcpServers().get(0);
        assertThat(server.port()).isEqualTo(6666);
        assertThat(((ProxyFactory) server.factory()).host()).isEqualTo("localhost");
        assertThat(((ProxyFactory) server.factory()).port()).isEqualTo(6665);
    }

    @Test
    void anEndpointDescriptionIsUsedAsItIs() {
        make("--port", "tcp:7000:interface=127.0.0.1").startService();
        assertThat(reactor.tcpServers().get(0).bindInterface()).isEqualTo("127.0.0.1");
        assertThat(reactor.tcpServers().get(0).port()).isEqualTo(7000);
    }

    @Test
    void aBadEndpointOrDestinationPortIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> make("--port", "bogus:1")).isInstanceOf(UsageError.class)
                .hasMessageStartingWith("--port: ");
        assertThatThrownBy(() -> make("--dest_port", "70000")).isInstanceOf(UsageError.class)
                .hasMessageStartingWith("--dest_port: ");
    }

    @Test
    void theServiceRaisesAFailureToListenSoTheRunnerCanReportIt() {
        assertThat(((StreamServerEndpointService) make()).raisesSynchronously()).isTrue();
    }
}
