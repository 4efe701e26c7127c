package org.twisted4j.conch.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.agent.AgentException;
import org.twisted4j.conch.agent.AgentIdentity;
import org.twisted4j.conch.agent.SshAgentClient;
import org.twisted4j.conch.connection.ChannelOpenRefused;
import org.twisted4j.conch.connection.ChannelTransport;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.sftp.FileAttributes;
import org.twisted4j.conch.sftp.NameEntry;
import org.twisted4j.conch.sftp.SftpClient;
import org.twisted4j.conch.sftp.SftpConstants;
import org.twisted4j.conch.sftp.SftpException;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.UNIXClientEndpoint;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * The SSH client against Debian's OpenSSH {@code sshd}, started for each test on a free loopback port with a
 * throwaway configuration and host key: commands with their output, standard error and exit status; logins with
 * keys made by {@code ssh-keygen} and with a password; several commands over one connection; {@code known_hosts}
 * acceptance (the line written found by {@code ssh-keygen -F}), a file hashed by {@code ssh-keygen -H}, and the
 * refusal of a changed key; the SFTP client against sshd's {@code sftp-server}; and keys held by
 * {@code ssh-agent}, listed, signing and logging in.
 */
@ExtendWith(TrialExtension.class)
public class SshClientInteropTest {

    /** OpenSSH's server, which must be run by its absolute path. */
    static final Peer SSHD = Peer.command("sshd", "openssh-server", Path.of("/usr/sbin"));
    /** OpenSSH's SFTP client, whose download rate the SFTP client's is shown beside. */
    static final Peer SFTP = Peer.SFTP;
    /** OpenSSH's agent. */
    static final Peer SSH_AGENT = Peer.command("ssh-agent", "openssh-client");
    /** OpenSSH's tool that loads keys into an agent. */
    static final Peer SSH_ADD = Peer.command("ssh-add", "openssh-client");
    /** kill, to stop the agent, which runs in the background. */
    static final Peer KILL = Peer.KILL;
    /** unshare, to give sshd a private view of the password database for the password login. */
    static final Peer UNSHARE = Peer.command("unshare", "util-linux");

    /** SHA-512-crypt of "secret" ({@code openssl passwd -6 -salt twisted4jtest secret}). */
    private static final String SECRET_HASH =
            "$6$twisted4jtest$MPKjY3wMsAuB.pZU6JgUteC1rukek6n74sKvB9rvDE0eR2OTWOJTdPQ14AWH0jXaYdjJTwYoh5GH8hVqYxqRM1";

    @TempDir
    Path dir;

    SshClientInteropTest() {
    }

    /** A protocol that collects a command's output and says when it ended. */
    static final class Collector extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Deferred<Throwable> ended = new Deferred<>();

        private int awaited = -1;
        private Deferred<Void> enough;

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
            if (enough != null && received.size() >= awaited) {
                Deferred<Void> fire = enough;
                enough = null;
                fire.callback(null);
            }
        }

        /** Fires once at least {@code octets} have been received. */
        Deferred<Void> whenReceived(int octets) {
            if (received.size() >= octets) {
                return Deferred.succeed(null);
            }
            awaited = octets;
            enough = new Deferred<>();
            return enough;
        }

        @Override
        public void connectionLost(Failure reason) {
            ended.callback(reason.value());
        }

        String text() {
            return received.toString(UTF_8);
        }
    }

    /** A running sshd and what a client needs to reach it. */
    public record Sshd(ExternalServer server, int port, Key hostKey, Path userKey) {
        /** The known_hosts line of the server's key. */
        public String knownLine() {
            return "[127.0.0.1]:" + port + " " + hostKey.publicLine("") + "\n";
        }
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private Path keygen(NioReactor reactor, String name, String... options) throws Exception {
        return keygen(reactor, dir, name, options);
    }

    private static Path keygen(NioReactor reactor, Path dir, String name, String... options) throws Exception {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(Peer.SSH_KEYGEN.require().toString(), "-q", "-N", "",
                "-f", key.toString()));
        command.addAll(List.of(options));
        assertThat(run(reactor, command)).isZero();
        return key;
    }

    /** Runs a command off the reactor thread and returns its exit status (-1 after 20 seconds). */
    public static int run(NioReactor reactor, List<String> command) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }));
    }

    /** Starts sshd with publickey logins for the user's ed25519 and RSA keys; with a password, password logins. */
    private Sshd sshd(NioReactor reactor, boolean passwords) throws Exception {
        return startSshd(reactor, dir, passwords);
    }

    /**
     * Starts sshd in {@code dir} with publickey logins for the ed25519 and RSA keys it makes there
     * ({@code id_ed25519}, {@code id_rsa}); with {@code passwords}, password logins too (root only).
     */
    public static Sshd startSshd(NioReactor reactor, Path dir, boolean passwords) throws Exception {
        Path sshd = SSHD.require();
        Path hostKey = keygen(reactor, dir, "host_ed25519", "-t", "ed25519");
        Path userKey = keygen(reactor, dir, "id_ed25519", "-t", "ed25519");
        keygen(reactor, dir, "id_rsa", "-t", "rsa", "-b", "3072");
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve("id_ed25519.pub"))
                + Files.readString(dir.resolve("id_rsa.pub")));
        int port = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + hostKey, "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication " + (passwords ? "yes" : "no"), "KbdInteractiveAuthentication no",
                "UsePAM no", "StrictModes no", "PermitRootLogin yes", "PidFile " + dir.resolve("sshd.pid"),
                "Subsystem sftp /usr/lib/openssh/sftp-server", "LogLevel VERBOSE", ""));
        Files.createDirectories(Path.of("/run/sshd"));
        List<String> command = List.of(sshd.toString(), "-D", "-e", "-f", config.toString());
        if (passwords) {
            Assumptions.assumeTrue(user().equals("root"), "a password login to sshd needs root to give sshd a "
                    + "private password database");
            Path shadow = dir.resolve("shadow");
            Files.writeString(shadow, "root:" + SECRET_HASH + ":20000:0:99999:7:::\n");
            command = List.of(UNSHARE.require().toString(), "--mount", "sh", "-c",
                    "mount --bind \"$0\" /etc/shadow && exec \"$@\"", shadow.toString(), sshd.toString(), "-D", "-e",
                    "-f", config.toString());
        }
        ExternalServer server = ExternalServer.start(reactor, "sshd", command, port);
        return new Sshd(server, port, Key.fromFile(Path.of(hostKey + ".pub"), null), userKey);
    }

    private SshCommandClientEndpoint endpoint(NioReactor reactor, Sshd sshd, String command, List<Key> keys,
            String password, KnownHostsFile known, KnownHostsUI ui) {
        return SshCommandClientEndpoint.newConnection(reactor, command, user(), "127.0.0.1", sshd.port(), keys,
                password, known, ui);
    }

    private static Collector connect(StreamClientEndpoint endpoint, Collector collector) throws Exception {
        Coroutine.await(endpoint.connect(Factory.forProtocol(() -> collector)));
        return collector;
    }

    @Test
    void aCommandGivesItsOutputErrorsAndExitStatus(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            SshCommandClientEndpoint endpoint = endpoint(reactor, sshd, "echo hello; echo oops >&2; exit 3",
                    List.of(Key.fromFile(sshd.userKey(), null)), null, KnownHostsFile.fromText(sshd.knownLine()),
                    null).stderr(stderr::writeBytes);
            Collector command = connect(endpoint, new Collector());
            Throwable reason = Coroutine.await(command.ended);
            assertThat(command.text()).isEqualTo("hello\n");
            assertThat(stderr.toString(UTF_8)).isEqualTo("oops\n");
            assertThat(reason).isInstanceOf(ProcessTerminated.class);
            assertThat(((ProcessTerminated) reason).exitCode()).hasValue(3);
        } finally {
            String said = sshd.server().stop(reactor);
            assertThat(said).contains("Accepted publickey for " + user());
        }
    }

    @Test
    void anRsaKeyLogsInAndSeveralCommandsShareTheConnection(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            Key rsa = Key.fromFile(dir.resolve("id_rsa"), null);
            Collector first = connect(endpoint(reactor, sshd, "cat", List.of(rsa), null,
                    KnownHostsFile.fromText(sshd.knownLine()), null), new Collector());
            ChannelTransport firstTransport = (ChannelTransport) first.transport();
            Collector second = connect(SshCommandClientEndpoint.existingConnection(firstTransport.connection(),
                    "tr a-z A-Z"), new Collector());
            Collector third = connect(SshCommandClientEndpoint.existingConnection(firstTransport.connection(),
                    "exit 0"), new Collector());
            assertThat(Coroutine.await(third.ended)).isInstanceOf(ConnectionDone.class);
            byte[] big = new byte[3 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) ('a' + i % 26);
            }
            first.transport().write(ByteBuffer.wrap(big));
            second.transport().write(ByteBuffer.wrap("shout\n".getBytes(UTF_8)));
            ((ChannelTransport) second.transport()).loseWriteConnection();
            assertThat(Coroutine.await(second.ended)).isInstanceOf(ConnectionDone.class);
            assertThat(second.text()).isEqualTo("SHOUT\n");
            assertThat(firstTransport.connection().channels()).hasSize(1);
            firstTransport.loseWriteConnection();
            assertThat(Coroutine.await(first.ended)).isInstanceOf(ConnectionDone.class);
            assertThat(first.received.toByteArray()).isEqualTo(big);
        } finally {
            String said = sshd.server().stop(reactor);
            assertThat(said).contains("Accepted publickey for " + user()).contains("RSA SHA256:");
        }
    }

    @Test
    void aPasswordLogsInAndAWrongOneIsRefused(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, true);
        try {
            KnownHostsFile known = KnownHostsFile.fromText(sshd.knownLine());
            Collector command = connect(endpoint(reactor, sshd, "echo in", List.of(), "secret", known, null),
                    new Collector());
            assertThat(Coroutine.await(command.ended)).isInstanceOf(ConnectionDone.class);
            assertThat(command.text()).isEqualTo("in\n");
            Deferred<Protocol> wrong = endpoint(reactor, sshd, "echo in", List.of(), "wrong", known, null)
                    .connect(Factory.forProtocol(Collector::new));
            Throwable refused = Coroutine.await(wrong.addCallbacks(p -> null, Failure::value));
            assertThat(refused).isInstanceOf(UnauthorizedLogin.class).hasMessageContaining("password");
        } finally {
            String said = sshd.server().stop(reactor);
            assertThat(said).contains("Accepted password for root").contains("Failed password for root");
        }
    }

    @Test
    void anUnknownHostAcceptedIsWrittenWhereSshKeygenFindsIt(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            Path file = dir.resolve("known_hosts");
            KnownHostsFileTest.ScriptedUI ui = new KnownHostsFileTest.ScriptedUI(Deferred.succeed(true));
            Key key = Key.fromFile(sshd.userKey(), null);
            Collector command = connect(endpoint(reactor, sshd, "echo ok", List.of(key), null,
                    KnownHostsFile.fromPath(file), ui), new Collector());
            Coroutine.await(command.ended);
            assertThat(command.text()).isEqualTo("ok\n");
            assertThat(ui.asked).singleElement().asString().contains(sshd.hostKey().fingerprintSha256());
            assertThat(Files.readString(file)).startsWith("|1|");
            assertThat(run(reactor, List.of(Peer.SSH_KEYGEN.require().toString(), "-F",
                    "[127.0.0.1]:" + sshd.port(), "-f", file.toString()))).as("ssh-keygen -F finds the line").isZero();

            KnownHostsFileTest.ScriptedUI refuse = new KnownHostsFileTest.ScriptedUI(Deferred.succeed(false));
            Collector again = connect(endpoint(reactor, sshd, "echo again", List.of(key), null,
                    KnownHostsFile.fromPath(file), refuse), new Collector());
            Coroutine.await(again.ended);
            assertThat(again.text()).isEqualTo("again\n");
            assertThat(refuse.asked).isEmpty();
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void aFileHashedBySshKeygenIsRead(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            Path file = dir.resolve("known_hosts");
            Files.writeString(file, sshd.knownLine());
            assertThat(run(reactor, List.of(Peer.SSH_KEYGEN.require().toString(), "-H", "-f", file.toString())))
                    .isZero();
            assertThat(Files.readString(file)).startsWith("|1|").doesNotContain("127.0.0.1");
            Collector command = connect(endpoint(reactor, sshd, "echo hashed",
                    List.of(Key.fromFile(sshd.userKey(), null)), null, KnownHostsFile.fromPath(file), null),
                    new Collector());
            Coroutine.await(command.ended);
            assertThat(command.text()).isEqualTo("hashed\n");
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void aChangedHostKeyIsRefusedBeforeLoggingIn(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            Key impostor = Key.fromFile(keygen(reactor, "other_host", "-t", "ed25519"), null);
            KnownHostsFile known = KnownHostsFile.fromText("[127.0.0.1]:" + sshd.port() + " "
                    + impostor.publicLine("") + "\n");
            KnownHostsFileTest.ScriptedUI ui = new KnownHostsFileTest.ScriptedUI(Deferred.succeed(true));
            Deferred<Protocol> attempt = endpoint(reactor, sshd, "echo no", List.of(Key.fromFile(sshd.userKey(),
                    null)), null, known, ui).connect(Factory.forProtocol(Collector::new));
            Throwable refused = Coroutine.await(attempt.addCallbacks(p -> null, Failure::value));
            assertThat(refused).isInstanceOf(HostKeyChanged.class)
                    .hasMessageContaining("REMOTE HOST IDENTIFICATION HAS CHANGED")
                    .hasMessageContaining(sshd.hostKey().fingerprintSha256());
            assertThat(ui.asked).isEmpty();
            assertThat(ui.warned).hasSize(1);
        } finally {
            String said = sshd.server().stop(reactor);
            assertThat(said).doesNotContain("Accepted");
        }
    }

    @Test
    void sftpClientWorksWithSshdsSftpServer(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            Collector holder = connect(endpoint(reactor, sshd, "cat", List.of(Key.fromFile(sshd.userKey(), null)),
                    null, KnownHostsFile.fromText(sshd.knownLine()), null), new Collector());
            SshConnection connection = ((ChannelTransport) holder.transport()).connection();
            SftpClient sftp = Coroutine.await(SftpClient.open(connection));
            String base = dir.toRealPath().toString();
            assertThat(Coroutine.await(sftp.realpath(base + "/."))).isEqualTo(base);
            Coroutine.await(sftp.mkdir(base + "/remote", FileAttributes.ofPermissions(0755)));
            byte[] content = new byte[16 << 20];
            new java.util.Random(7).nextBytes(content);
            Path local = dir.resolve("local.bin");
            Files.write(local, content);
            assertThat(Coroutine.await(sftp.put(local, base + "/remote/file.bin"))).isEqualTo(content.length);
            assertThat(Files.readAllBytes(dir.resolve("remote/file.bin"))).isEqualTo(content);
            assertThat(Coroutine.await(sftp.stat(base + "/remote/file.bin")).size()).isEqualTo(content.length);
            Path back = dir.resolve("back.bin");
            long started = System.nanoTime();
            assertThat(Coroutine.await(sftp.get(base + "/remote/file.bin", back))).isEqualTo(content.length);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("SFTP get of 16 MiB from sshd's sftp-server: %.1f MiB/s%n", 16 / seconds);
            assertThat(Files.readAllBytes(back)).isEqualTo(content);
            Coroutine.await(sftp.rename(base + "/remote/file.bin", base + "/remote/renamed.bin"));
            Coroutine.await(sftp.symlink(base + "/remote/link", "renamed.bin"));
            assertThat(Coroutine.await(sftp.readlink(base + "/remote/link"))).isEqualTo("renamed.bin");
            assertThat(Coroutine.await(sftp.lstat(base + "/remote/link")).isSymbolicLink()).isTrue();
            List<String> names = Coroutine.await(sftp.listdir(base + "/remote")).stream().map(NameEntry::filename)
                    .filter(name -> !name.startsWith(".")).sorted().toList();
            assertThat(names).containsExactly("link", "renamed.bin");
            byte[] handle = Coroutine.await(sftp.open(base + "/remote/small.txt",
                    SftpConstants.FXF_WRITE | SftpConstants.FXF_CREAT, FileAttributes.EMPTY));
            Coroutine.await(sftp.write(handle, 0, "hello".getBytes(UTF_8)));
            Coroutine.await(sftp.close(handle));
            handle = Coroutine.await(sftp.open(base + "/remote/small.txt", SftpConstants.FXF_READ,
                    FileAttributes.EMPTY));
            assertThat(new String(Coroutine.await(sftp.read(handle, 1, 100)), UTF_8)).isEqualTo("ello");
            assertThat(Coroutine.await(sftp.read(handle, 5, 100))).isEmpty();
            Coroutine.await(sftp.close(handle));
            for (String name : List.of("link", "renamed.bin", "small.txt")) {
                Coroutine.await(sftp.remove(base + "/remote/" + name));
            }
            Coroutine.await(sftp.rmdir(base + "/remote"));
            assertThat(dir.resolve("remote")).doesNotExist();
            Throwable missing = Coroutine.await(sftp.stat(base + "/remote").addCallbacks(a -> null, Failure::value));
            assertThat(missing).isInstanceOf(SftpException.class);
            assertThat(((SftpException) missing).code()).isEqualTo(SftpConstants.FX_NO_SUCH_FILE);
            sftp.closeSession();
            ((ChannelTransport) holder.transport()).loseWriteConnection();
            assertThat(Coroutine.await(holder.ended)).isInstanceOf(ConnectionDone.class);
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void sftpClientDownloadsBesideOpenSshsSftp(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        try {
            byte[] content = new byte[64 << 20];
            new java.util.Random(11).nextBytes(content);
            Path remote = dir.resolve("big.bin");
            Files.write(remote, content);
            Collector holder = connect(endpoint(reactor, sshd, "cat", List.of(Key.fromFile(sshd.userKey(), null)),
                    null, KnownHostsFile.fromText(sshd.knownLine()), null), new Collector());
            SftpClient sftp = Coroutine.await(SftpClient.open(((ChannelTransport) holder.transport()).connection()));
            Path ours = dir.resolve("ours.bin");
            long started = System.nanoTime();
            Coroutine.await(sftp.get(remote.toString(), ours));
            double oursSeconds = (System.nanoTime() - started) / 1e9;
            Path theirs = dir.resolve("theirs.bin");
            // sftp's own start, key exchange and login, timed alone to be taken off its download's time.
            long overhead = sftpBatch(reactor, sshd, "pwd\n");
            double theirSeconds = (sftpBatch(reactor, sshd, "get " + remote + " " + theirs + "\n") - overhead) / 1e9;
            assertThat(Files.readAllBytes(ours)).isEqualTo(content);
            assertThat(Files.readAllBytes(theirs)).isEqualTo(content);
            System.out.printf("SFTP get of 64 MiB from sshd: SftpClient %.0f MiB/s, OpenSSH sftp %.0f MiB/s "
                    + "(its start and login taken off), ratio %.2f%n", 64 / oursSeconds,
                    64 / theirSeconds, theirSeconds / oursSeconds);
            sftp.closeSession();
            ((ChannelTransport) holder.transport()).loseWriteConnection();
            Coroutine.await(holder.ended);
        } finally {
            sshd.server().stop(reactor);
        }
    }

    @Test
    void localForwardingReachesAServerThroughSshd(NioReactor reactor) throws Exception {
        Sshd sshd = sshd(reactor, false);
        ListeningPort echo = reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                transport().write(copy);
            }
        }), 50, "127.0.0.1");
        try {
            Collector holder = connect(endpoint(reactor, sshd, "cat", List.of(Key.fromFile(sshd.userKey(), null)),
                    null, KnownHostsFile.fromText(sshd.knownLine()), null), new Collector());
            SshConnection connection = ((ChannelTransport) holder.transport()).connection();
            int echoPort = ((IPv4Address) echo.getHost()).port();
            Collector tunnel = connect(new DirectTcpipEndpoint(connection, "127.0.0.1", echoPort), new Collector());
            byte[] sent = new byte[1 << 20];
            new java.util.Random(3).nextBytes(sent);
            tunnel.transport().write(ByteBuffer.wrap(sent));
            Coroutine.await(tunnel.whenReceived(sent.length));
            assertThat(tunnel.received.toByteArray()).isEqualTo(sent);
            tunnel.transport().loseConnection();
            Coroutine.await(tunnel.ended);
            Throwable refused = Coroutine.await(new DirectTcpipEndpoint(connection, "127.0.0.1", 1)
                    .connect(Factory.forProtocol(Collector::new)).addCallbacks(p -> null, Failure::value));
            assertThat(refused).isInstanceOf(ChannelOpenRefused.class);
            assertThat(((ChannelOpenRefused) refused).reason()).isEqualTo(ChannelOpenRefused.CONNECT_FAILED);
            ((ChannelTransport) holder.transport()).loseWriteConnection();
            Coroutine.await(holder.ended);
        } finally {
            Coroutine.await(echo.stopListening());
            sshd.server().stop(reactor);
        }
    }

    /** Runs OpenSSH's sftp with a batch of commands; returns the nanoseconds it took. */
    private long sftpBatch(NioReactor reactor, Sshd sshd, String commands) throws Exception {
        Path batch = dir.resolve("batch");
        Files.writeString(batch, commands);
        long started = System.nanoTime();
        int status = run(reactor, List.of(SFTP.require().toString(), "-q", "-b", batch.toString(), "-P",
                String.valueOf(sshd.port()), "-i", sshd.userKey().toString(), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", user() + "@127.0.0.1"));
        long took = System.nanoTime() - started;
        assertThat(status).as("sftp -b").isZero();
        return took;
    }

    @Test
    void keysInOpenSshsAgentSignAndLogIn(NioReactor reactor) throws Exception {
        Path socket = dir.resolve("agent.sock");
        Path agentProgram = SSH_AGENT.require();
        // ssh-agent -a binds the socket, then goes to the background and its first process exits.
        String said = Coroutine.await(reactor.deferToThread(() -> {
            Process started = new ProcessBuilder(agentProgram.toString(), "-a", socket.toString()).start();
            String printed = new String(started.getInputStream().readAllBytes(), UTF_8);
            started.waitFor(20, TimeUnit.SECONDS);
            return printed;
        }));
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("SSH_AGENT_PID=(\\d+)").matcher(said);
        assertThat(pid.find()).as(said).isTrue();
        Sshd sshd = sshd(reactor, false);
        try {
            ProcessBuilder add = new ProcessBuilder(SSH_ADD.require().toString(), sshd.userKey().toString(),
                    dir.resolve("id_rsa").toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process adding = add.start();
            assertThat(Coroutine.await(reactor.deferToThread(() -> adding.waitFor(20, TimeUnit.SECONDS)
                    && adding.exitValue() == 0))).isTrue();

            SshAgentClient agent = Coroutine.await(SshAgentClient.connect(reactor, socket));
            List<AgentIdentity> held = Coroutine.await(agent.requestIdentities());
            assertThat(held).extracting(identity -> identity.key().type().sshName())
                    .containsExactly("ssh-ed25519", "ssh-rsa");
            byte[] data = "sign me".getBytes(UTF_8);
            for (AgentIdentity identity : held) {
                String algorithm = identity.key().type() == KeyType.RSA ? "rsa-sha2-512" : "ssh-ed25519";
                byte[] signature = Coroutine.await(agent.sign(identity.key(), algorithm, data));
                assertThat(identity.key().verify(algorithm, data, signature)).isTrue();
            }
            Key stranger = Key.generate(KeyType.ED25519);
            Throwable refused = Coroutine.await(agent.sign(stranger, "ssh-ed25519", data)
                    .addCallbacks(s -> null, Failure::value));
            assertThat(refused).isInstanceOf(AgentException.class);
            agent.disconnect();

            Collector command = connect(endpoint(reactor, sshd, "echo agent", List.of(), null,
                    KnownHostsFile.fromText(sshd.knownLine()), null)
                    .agent(new UNIXClientEndpoint(reactor, socket)), new Collector());
            Coroutine.await(command.ended);
            assertThat(command.text()).isEqualTo("agent\n");
        } finally {
            String log = sshd.server().stop(reactor);
            new ProcessBuilder(KILL.require().toString(), pid.group(1)).start().waitFor(20, TimeUnit.SECONDS);
            assertThat(log).contains("Accepted publickey for " + user());
        }
    }
}
