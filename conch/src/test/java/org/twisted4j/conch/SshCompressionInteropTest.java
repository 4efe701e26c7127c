package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.SshInteropTest.Run;
import org.twisted4j.conch.transport.CompressionAlgorithm;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.transport.SshServerTransport;
import org.twisted4j.conch.transport.TransportConfig;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Compression with OpenSSH's client: {@code ssh -C} and {@code -o Compression=yes} get OpenSSH's delayed zlib
 * from the default configuration, and plain {@code zlib} when the server offers only that; data through
 * {@code cat} both ways arrives intact, and OpenSSH reports that it compressed.
 */
@ExtendWith(TrialExtension.class)
class SshCompressionInteropTest {
    @TempDir
    Path dir;

    private final List<SshServerTransport> transports = new CopyOnWriteArrayList<>();

    private ListeningPort serve(NioReactor reactor, TransportConfig config) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, false), LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("alice", "secret")));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(HostKey.generate("ssh-ed25519")),
                portal).setTransportConfig(config);
        return reactor.listenTCP(0, new Factory() {
            @Override
            public Protocol buildProtocol(Address peer) {
                SshServerTransport transport = (SshServerTransport) factory.buildProtocol(peer);
                transports.add(transport);
                return transport;
            }
        }, 50, "127.0.0.1");
    }

    private static List<String> ssh(ListeningPort port, String... options) {
        List<String> command = new ArrayList<>(List.of(Peer.SSHPASS.require().toString(), "-p", "secret",
                Peer.SSH.require().toString(), "-F", "/dev/null", "-v",
                "-p", String.valueOf(((IPv4Address) port.getHost()).port()), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no", "-o", "ConnectTimeout=20"));
        command.addAll(List.of(options));
        command.add("alice@127.0.0.1");
        command.add("cat");
        return command;
    }

    /** 8 MiB: lines of text (compressible) with stretches of noise (not). */
    private static byte[] input() {
        byte[] data = new byte[8 << 20];
        Random random = new Random(3);
        for (int i = 0; i < data.length; i += 4096) {
            if (i / 4096 % 4 == 0) {
                byte[] noise = new byte[Math.min(4096, data.length - i)];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, data, i, noise.length);
            } else {
                for (int j = i; j < Math.min(i + 4096, data.length); j++) {
                    data[j] = (byte) ("line " + (j / 64) + " of text\n").charAt(j % 16);
                }
            }
        }
        return data;
    }

    private void catThrough(NioReactor reactor, TransportConfig config, String expected, String... options)
            throws Exception {
        catThrough(reactor, config, expected, true, options);
    }

    /**
     * OpenSSH's compression counters are of the last key exchange's zlib stream only (it starts a new one with each
     * NEWKEYS), so with rekeys ({@code oneStream} false) they may cover only the last few packets, where zlib's
     * framing can outweigh the saving; the octets OpenSSH sent and received over the whole connection tell then
     * that everything was compressed.
     */
    private void catThrough(NioReactor reactor, TransportConfig config, String expected, boolean oneStream,
            String... options)
            throws Exception {
        Peer.SSHPASS.require();
        ListeningPort port = serve(reactor, config);
        try {
            byte[] data = input();
            Run run = SshInteropTest.run(reactor, ssh(port, options), data);
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.bytes()).isEqualTo(data);
            assertThat(run.errors()).contains("compression: " + expected);
            // OpenSSH reports its compression counters at exit: raw data larger than compressed data.
            String outgoing = run.errors().lines().filter(l -> l.contains("compress outgoing: raw data"))
                    .findFirst().orElseThrow(() -> new AssertionError("no compression report: " + run.errors()));
            String[] words = outgoing.replace(",", "").split(" ");
            long raw = Long.parseLong(words[words.length - 5]);
            long compressed = Long.parseLong(words[words.length - 3]);
            if (oneStream) {
                assertThat(compressed).as(outgoing).isLessThan(raw);
                assertThat(raw).isGreaterThanOrEqualTo(data.length);
            } else {
                // "Transferred: sent N, received M bytes": the whole connection, every key exchange's stream.
                String transferred = run.errors().lines().filter(l -> l.contains("Transferred: sent")).findFirst()
                        .orElseThrow(() -> new AssertionError("no transfer report: " + run.errors()));
                String[] counts = transferred.replace(",", "").split(" ");
                int at = List.of(counts).indexOf("sent");
                assertThat(Long.parseLong(counts[at + 1])).as(transferred).isLessThan(data.length / 2);
                assertThat(Long.parseLong(counts[at + 3])).as(transferred).isLessThan(data.length / 2);
            }
            assertThat(run.errors()).contains("compress incoming: raw data");
            System.out.println(expected + ": " + outgoing.strip());
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void sshDashCGetsDelayedZlib(NioReactor reactor) throws Exception {
        catThrough(reactor, new TransportConfig(), "zlib@openssh.com", "-C");
    }

    @Test
    void compressionYesGetsDelayedZlibWithEachCipher(NioReactor reactor) throws Exception {
        catThrough(reactor, new TransportConfig(), "zlib@openssh.com", "-o", "Compression=yes",
                "-o", "Ciphers=aes128-ctr", "-o", "MACs=hmac-sha2-256-etm@openssh.com");
    }

    @Test
    void plainZlibWhenTheServerOffersOnlyThat(NioReactor reactor) throws Exception {
        catThrough(reactor, new TransportConfig().compression(CompressionAlgorithm.ZLIB), "zlib", "-C",
                "-o", "Ciphers=aes256-gcm@openssh.com");
    }

    /**
     * About 4.6 MiB cross the wire compressed, so a rekey every 512 KiB makes six to eight key exchanges (where they
     * fall depends on how the data is cut into reads); the test asks for more than three. The last key exchange may
     * come after the client has sent everything (its last stream then carries a few dozen octets, which zlib does
     * not shrink), so the saving is checked on the whole connection's octets.
     */
    @Test
    void delayedZlibAcrossRekeys(NioReactor reactor) throws Exception {
        catThrough(reactor, new TransportConfig().rekeyBytes(1 << 19), "zlib@openssh.com", false, "-C");
        assertThat(transports.get(0).kexCount()).isGreaterThan(3);
    }
}
