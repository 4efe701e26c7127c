package org.twisted4j.conch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.client.SshClientInteropTest.Sshd;
import org.twisted4j.conch.connection.GlobalRequestRefused;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.trial.TrialExtension;

/**
 * Remote forwarding from the client ({@code tcpip-forward}, {@code forwarded-tcpip}, {@code cancel-tcpip-forward})
 * against Debian's OpenSSH {@code sshd} started for the test: a port chosen by sshd and one chosen by the client
 * bring connections made to sshd back to a protocol of ours, 1 MiB echoed intact; after the cancel sshd no longer
 * listens; a second forward of a port already forwarded is refused.
 */
@ExtendWith(TrialExtension.class)
class RemoteForwardingInteropTest {

    @TempDir
    Path dir;

    /** Echoes what it receives. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }
    }

    private static byte[] echoedThrough(int port, byte[] sent) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(20_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(sent);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // the read below fails too
                }
            });
            byte[] got = socket.getInputStream().readNBytes(sent.length);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return got;
        }
    }

    @Test
    void connectionsToTheServersPortComeBackToOurProtocol(NioReactor reactor) throws Exception {
        Sshd sshd = SshClientInteropTest.startSshd(reactor, dir, false);
        try {
            SshConnection connection = Coroutine.await(SshClient.to(reactor, System.getProperty("user.name"),
                    "127.0.0.1", sshd.port()).keys(List.of(Key.fromFile(sshd.userKey(), null)))
                    .knownHosts(KnownHostsFile.fromText(sshd.knownLine())).connect());
            int chosen = Coroutine.await(connection.requestRemoteForward("127.0.0.1", 0,
                    Factory.forProtocol(Echo::new)));
            assertThat(chosen).isPositive();
            byte[] sent = new byte[1 << 20];
            new Random(5).nextBytes(sent);
            byte[] got = Coroutine.await(reactor.deferToThread(() -> echoedThrough(chosen, sent)));
            assertThat(got).isEqualTo(sent);

            int asked = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
            assertThat(Coroutine.await(connection.requestRemoteForward("127.0.0.1", asked,
                    Factory.forProtocol(Echo::new)))).isEqualTo(asked);
            byte[] small = "hello through sshd".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(Coroutine.await(reactor.deferToThread(() -> echoedThrough(asked, small)))).isEqualTo(small);
            Throwable again = Coroutine.await(connection.requestRemoteForward("127.0.0.1", asked,
                    Factory.forProtocol(Echo::new)).addCallbacks(port -> null, Failure::value));
            assertThat(again).isInstanceOf(GlobalRequestRefused.class);

            Coroutine.await(connection.cancelRemoteForward("127.0.0.1", asked));
            assertThatThrownBy(() -> Coroutine.await(reactor.deferToThread(() -> echoedThrough(asked, small))))
                    .isInstanceOf(IOException.class);
            connection.transport().loseConnection();
        } finally {
            sshd.server().stop(reactor);
        }
    }
}
