package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
 * Rekeying under load with OpenSSH's client: data streams through {@code cat} on the server in both directions at
 * once over one channel while key exchanges happen, started once by the client ({@code RekeyLimit}) and once by
 * the server ({@link TransportConfig#rekeyBytes}); what comes back must be what went out (SHA-256), with no stall.
 *
 * <p>By default each run carries 256 MiB each way with a rekey limit of 16 MiB, so at least a dozen key
 * exchanges happen under load. The full run, 4 GiB with {@code RekeyLimit 64M}, is opt-in:
 * {@code -Dtwisted4j.ssh.fullRekey=true}.
 */
@ExtendWith(TrialExtension.class)
class SshRekeyInteropTest {
    private static final boolean FULL = Boolean.getBoolean("twisted4j.ssh.fullRekey");
    private static final long VOLUME = FULL ? 4L << 30 : 256L << 20;
    private static final long LIMIT = FULL ? 64L << 20 : 16L << 20;

    @TempDir
    Path dir;

    /** The server's transports, to count their key exchanges. */
    private final List<SshServerTransport> transports = new CopyOnWriteArrayList<>();

    private ListeningPort serve(NioReactor reactor, TransportConfig config) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, false), LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("alice", "secret")));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, List.of(HostKey.generate("ssh-ed25519")),
                portal).setTransportConfig(config);
        Factory counting = new Factory() {
            @Override
            public Protocol buildProtocol(Address peer) {
                SshServerTransport transport = (SshServerTransport) factory.buildProtocol(peer);
                transports.add(transport);
                return transport;
            }
        };
        return reactor.listenTCP(0, counting, 50, "127.0.0.1");
    }

    private List<String> ssh(ListeningPort port, String... options) {
        List<String> command = new ArrayList<>(List.of(Peer.SSHPASS.require().toString(), "-p", "secret",
                Peer.SSH.require().toString(), "-F", "/dev/null", "-v",
                "-p", String.valueOf(((IPv4Address) port.getHost()).port()), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no",
                "-o", "Ciphers=aes128-gcm@openssh.com", "-o", "ConnectTimeout=20"));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        command.add("alice@127.0.0.1");
        command.add("cat");
        return command;
    }

    /** The outcome of one streaming run. */
    private record Streamed(int exitCode, long sent, String sentDigest, long received, String receivedDigest,
            String errors) {
    }

    /** Streams {@link #VOLUME} pseudo-random octets into the command and digests what comes out, both as they go. */
    private static Deferred<Streamed> stream(NioReactor reactor, List<String> command) {
        return reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).start();
            FutureTask<String> errors = new FutureTask<>(() -> new String(process.getErrorStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            Thread.ofPlatform().start(errors);
            MessageDigest sentDigest = MessageDigest.getInstance("SHA-256");
            FutureTask<Void> feeder = new FutureTask<>(() -> {
                SplittableRandom random = new SplittableRandom(16);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream stdin = process.getOutputStream()) {
                    for (long left = VOLUME; left > 0; left -= chunk.length) {
                        for (int i = 0; i < chunk.length; i += 8) {
                            long value = random.nextLong();
                            for (int j = 0; j < 8; j++) {
                                chunk[i + j] = (byte) (value >>> (8 * j));
                            }
                        }
                        int n = (int) Math.min(chunk.length, left);
                        sentDigest.update(chunk, 0, n);
                        stdin.write(chunk, 0, n);
                    }
                }
                return null;
            });
            Thread.ofPlatform().start(feeder);
            MessageDigest receivedDigest = MessageDigest.getInstance("SHA-256");
            long received = 0;
            byte[] buffer = new byte[256 * 1024];
            try (InputStream stdout = process.getInputStream()) {
                int n;
                while ((n = stdout.read(buffer)) > 0) {
                    receivedDigest.update(buffer, 0, n);
                    received += n;
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            feeder.get();
            HexFormat hex = HexFormat.of();
            return new Streamed(process.exitValue(), VOLUME, hex.formatHex(sentDigest.digest()), received,
                    hex.formatHex(receivedDigest.digest()), errors.get());
        });
    }

    private void check(Streamed run, int minimumKexes) {
        assertThat(run.exitCode()).as(run.errors()).isZero();
        assertThat(run.received()).isEqualTo(run.sent());
        assertThat(run.receivedDigest()).isEqualTo(run.sentDigest());
        assertThat(transports).hasSize(1);
        assertThat(transports.get(0).kexCount()).as("server key exchanges").isGreaterThanOrEqualTo(minimumKexes);
        long clientNewKeys = run.errors().lines().filter(l -> l.contains("SSH2_MSG_NEWKEYS received")).count();
        assertThat(clientNewKeys).as("client key exchanges").isGreaterThanOrEqualTo(minimumKexes);
    }

    @Test
    void clientStartedRekeysUnderLoadKeepTheDataIntact(NioReactor reactor) throws Exception {
        Peer.SSHPASS.require();
        ListeningPort port = serve(reactor, new TransportConfig());
        try {
            long start = System.nanoTime();
            Streamed run = Coroutine.await(stream(reactor, ssh(port, "RekeyLimit=" + (LIMIT >> 20) + "M")));
            System.out.printf("client rekeys: %d MiB each way in %.1f s, %d key exchanges%n", VOLUME >> 20,
                    (System.nanoTime() - start) / 1e9, transports.get(0).kexCount());
            // OpenSSH counts each direction against its limit; each direction alone reaches it VOLUME/LIMIT times.
            check(run, (int) (VOLUME / LIMIT) / 2);
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void serverStartedRekeysUnderLoadKeepTheDataIntact(NioReactor reactor) throws Exception {
        Peer.SSHPASS.require();
        ListeningPort port = serve(reactor, new TransportConfig().rekeyBytes(LIMIT));
        try {
            long start = System.nanoTime();
            Streamed run = Coroutine.await(stream(reactor, ssh(port)));
            System.out.printf("server rekeys: %d MiB each way in %.1f s, %d key exchanges%n", VOLUME >> 20,
                    (System.nanoTime() - start) / 1e9, transports.get(0).kexCount());
            // The server counts both directions together, and OpenSSH's own default limit is far above this.
            check(run, (int) (2 * VOLUME / LIMIT) / 2);
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
