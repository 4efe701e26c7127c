package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.TcpSupport.Recorder;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;

class ListenBacklogTest {

    @TempDir
    Path dir;

    @Test
    void readsTheNumberTheSystemPublishes() throws IOException {
        Path file = Files.writeString(dir.resolve("somaxconn"), "4096\n");

        assertThat(ListenBacklog.read(file)).isEqualTo(4096);
    }

    @Test
    void fallsBackWhereTheFileIsMissingOrHoldsNoPositiveNumber() throws IOException {
        assertThat(ListenBacklog.read(dir.resolve("absent"))).isEqualTo(ListenBacklog.FALLBACK);
        assertThat(ListenBacklog.read(Files.writeString(dir.resolve("text"), "many"))).isEqualTo(ListenBacklog.FALLBACK);
        assertThat(ListenBacklog.read(Files.writeString(dir.resolve("zero"), "0"))).isEqualTo(ListenBacklog.FALLBACK);
    }

    @Test
    void theDefaultIsTheSystemsSomaxconn() {
        int expected = Files.isReadable(ListenBacklog.SOMAXCONN) ? ListenBacklog.read(ListenBacklog.SOMAXCONN)
                : ListenBacklog.FALLBACK;

        assertThat(ListenBacklog.systemDefault()).isEqualTo(expected);
        assertThat(ReactorTCP.DEFAULT_BACKLOG).isEqualTo(expected);
    }

    @Test
    void anEndpointWithoutBacklogUsesTheDefaultAndAnExplicitOneWins() {
        NioReactor reactor = new NioReactor();

        TCP4ServerEndpoint implicit = (TCP4ServerEndpoint) Endpoints.serverFromString(reactor, "tcp:0");
        TCP4ServerEndpoint explicit = (TCP4ServerEndpoint) Endpoints.serverFromString(reactor, "tcp:0:backlog=7");

        assertThat(implicit.backlog()).isEqualTo(ListenBacklog.systemDefault());
        assertThat(explicit.backlog()).isEqualTo(7);
    }

    /**
     * With Twisted's backlog of 50, the 51st connect to a server that is not accepting yet has its SYN dropped
     * and waits a second for the retransmission; with the system's limit, a burst of 500 completes at once.
     */
    @Test
    void aBurstOfConnectsFitsTheDefaultBacklogWhileNothingAccepts() throws Exception {
        int burst = 500;
        assumeTrue(ListenBacklog.systemDefault() >= burst, "somaxconn is below " + burst + " on this system");
        NioReactor reactor = new NioReactor(); // not running: nothing accepts
        ListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Recorder::new), ReactorTCP.DEFAULT_BACKLOG,
                "127.0.0.1");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", TcpSupport.port(port));
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                Socket client = new Socket();
                clients.add(client);
                client.connect(address, 900); // a dropped SYN would take 1 s to be sent again
            }
            assertThat(clients).allMatch(Socket::isConnected);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            port.stopListening();
        }
    }
}
