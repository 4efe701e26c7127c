package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** The client against a dnspython server ({@code dns_server.py}) on loopback, over real UDP and TCP sockets. */
@ExtendWith(TrialExtension.class)
class DnsClientInteropTest {
    private NioReactor reactor;
    private ExternalServer server;
    private DnsClient client;

    @BeforeEach
    void start(NioReactor reactor) throws Exception {
        this.reactor = reactor;
        Path python = Peer.DNSPYTHON.require();
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("dns_server.py")).toURI());
        server = ExternalServer.startAnnouncing(reactor, "dnspython server",
                List.of(python.toString(), script.toString()), Pattern.compile("listening on (\\d+)"));
        client = new DnsClient(reactor, reactor, reactor, List.of(DnsClient.address("127.0.0.1", server.port())),
                DnsClient.DEFAULT_TIMEOUTS);
    }

    @AfterEach
    void stop() throws Exception {
        client.closeConnections();
        server.stop(reactor);
    }

    @Test
    void looksUpAnAddressOverUdp() throws Exception {
        LookupResult result = Coroutine.await(client.lookupAddress("example.com"));
        assertThat(result.answers()).singleElement().satisfies(rr -> {
            assertThat(rr.name()).isEqualTo(Name.of("example.com"));
            assertThat(rr.data()).isEqualTo(ARecord.of("192.0.2.80"));
        });
        LookupResult mx = Coroutine.await(client.lookupMailExchange("EXAMPLE.com"));
        assertThat(mx.answers()).extracting(ResourceRecord::data)
                .containsExactly(new MxRecord(10, Name.of("mx.example.com")));
    }

    @Test
    void aTruncatedAnswerIsFetchedWholeOverTcp() throws Exception {
        LookupResult result = Coroutine.await(client.lookupAddress("big.example.com"));
        assertThat(result.answers()).hasSize(100);
    }

    @Test
    void nxdomainIsADnsNameErrorCarryingTheSoa() {
        assertThatThrownBy(() -> Coroutine.await(client.lookupAddress("nothere.example.com")))
                .isInstanceOfSatisfying(DnsNameError.class, e -> assertThat(e.response().authority())
                        .extracting(ResourceRecord::type).containsExactly(RecordType.SOA));
    }
}
