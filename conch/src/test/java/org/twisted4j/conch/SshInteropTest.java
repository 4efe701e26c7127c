package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.conch.userauth.UserAuthConfig;
import org.twisted4j.cred.AuthorizedKey;
import org.twisted4j.cred.AuthorizedKeys;
import org.twisted4j.cred.InMemoryPasswords;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * The SSH server against OpenSSH's client over loopback TCP: exec with OpenSSH's defaults and with each key
 * exchange, cipher, MAC and host key algorithm forced in turn; publickey (a key made by ssh-keygen), password and
 * keyboard-interactive through sshpass; input and output larger than the windows; a subsystem; and forwarding
 * with {@code -W}, {@code -L} and {@code -R} carrying data intact.
 */
@ExtendWith(TrialExtension.class)
class SshInteropTest {

    private static final List<HostKey> HOST_KEYS = List.of(HostKey.generate("ssh-ed25519"),
            HostKey.generate("ecdsa-sha2-nistp256"), HostKey.generate("ecdsa-sha2-nistp384"),
            HostKey.generate("ecdsa-sha2-nistp521"), HostKey.generate("ssh-rsa"));

    @TempDir
    Path dir;

    private record Served(ListeningPort port, Path key) {
        int number() {
            return ((IPv4Address) port.getHost()).port();
        }
    }

    record Run(int exitCode, byte[] bytes, String errors) {
        String output() {
            return new String(bytes, UTF_8);
        }
    }

    private Served serve(NioReactor reactor) throws Exception {
        return serve(reactor, new UserAuthConfig());
    }

    private Served serve(NioReactor reactor, UserAuthConfig auth) throws Exception {
        Path key = dir.resolve("id_ed25519");
        if (!Files.exists(key)) {
            Run keygen = run(reactor, List.of(Peer.SSH_KEYGEN.require().toString(), "-q", "-t", "ed25519", "-N", "",
                    "-f", key.toString()), null);
            assertThat(keygen.exitCode()).as(keygen.errors()).isZero();
        }
        AuthorizedKey authorized = AuthorizedKeys.parseLine(Files.readString(dir.resolve("id_ed25519.pub")));
        Path home = Files.createDirectories(dir.resolve("home"));
        Portal portal = new Portal((id, mind, interfaces) -> Deferred.succeed(new LoginResult(ConchUser.class,
                new ProcessUser(id, reactor, home, true), LoginResult.NO_LOGOUT)),
                new InMemoryPasswords(Map.of("alice", "secret")),
                new SSHPublicKeyChecker(user -> user.equals("alice") ? List.of(authorized) : List.of()));
        SshServerFactory factory = new SshServerFactory(reactor, reactor, HOST_KEYS, portal);
        factory.setUserAuthConfig(auth);
        factory.subsystems().register("echo", user -> new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                transport().write(copy);
            }
        });
        return new Served(reactor.listenTCP(0, factory, 50, "127.0.0.1"), key);
    }

    static Run run(NioReactor reactor, List<String> command, byte[] input) throws Exception {
        return Coroutine.await(start(reactor, command, input));
    }

    static Deferred<Run> start(NioReactor reactor, List<String> command, byte[] input) {
        return reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            Process process = builder.start();
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    if (input != null) {
                        stdin.write(input);
                    }
                } catch (java.io.IOException e) {
                    // The program stopped reading.
                }
            });
            var errors = reactorless(process.getErrorStream());
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            feeder.join();
            return new Run(process.exitValue(), out, errors.get());
        });
    }

    /** Reads a stream to its end on its own thread. */
    private static java.util.concurrent.Future<String> reactorless(InputStream stream) {
        java.util.concurrent.FutureTask<String> task = new java.util.concurrent.FutureTask<>(
                () -> new String(stream.readAllBytes(), UTF_8));
        Thread.ofVirtual().start(task);
        return task;
    }

    private static List<String> ssh(Served served, String... more) {
        List<String> command = new ArrayList<>(List.of(Peer.SSH.require().toString(), "-F", "/dev/null",
                "-p", String.valueOf(served.number()), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + served.key(),
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=20"));
        command.addAll(List.of(more));
        return command;
    }

    private static List<String> withTarget(List<String> command, String remoteCommand) {
        command.add("alice@127.0.0.1");
        if (remoteCommand != null) {
            command.add(remoteCommand);
        }
        return command;
    }

    private static List<String> sshpass(List<String> ssh) {
        List<String> command = new ArrayList<>(List.of(Peer.SSHPASS.require().toString(), "-p", "secret"));
        command.addAll(ssh);
        int at = command.indexOf("BatchMode=yes");
        command.remove(at);
        command.remove(at - 1);
        return command;
    }

    @Test
    void execWithOpenSshDefaultsNegotiatesItsFirstChoices(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Run run = run(reactor, withTarget(ssh(served, "-v"), "echo hello; echo oops >&2; exit 3"), null);
            assertThat(run.output()).isEqualTo("hello\n");
            assertThat(run.errors()).contains("oops");
            assertThat(run.exitCode()).as(run.errors()).isEqualTo(3);
            assertThat(run.errors()).contains("kex: algorithm: sntrup761x25519-sha512@openssh.com")
                    .contains("kex: host key algorithm: ssh-ed25519")
                    .contains("kex: server->client cipher: chacha20-poly1305@openssh.com")
                    .contains("Authenticated to 127.0.0.1");
            for (String line : run.errors().split("\n")) {
                if (line.contains("kex: ") || line.contains("server-sig-algs") || line.contains("Authenticated")) {
                    System.out.println("ssh -v: " + line.strip());
                }
            }
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    private void execWith(NioReactor reactor, String... options) throws Exception {
        Served served = serve(reactor);
        try {
            List<String> command = ssh(served);
            for (String option : options) {
                command.add("-o");
                command.add(option);
            }
            Run run = run(reactor, withTarget(command, "echo ok"), null);
            assertThat(run.exitCode()).as(String.join(" ", options) + ": " + run.errors()).isZero();
            assertThat(run.output()).isEqualTo("ok\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void eachKeyExchangeMethod(NioReactor reactor) throws Exception {
        for (String name : List.of("sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
                "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256")) {
            execWith(reactor, "KexAlgorithms=" + name);
        }
    }

    @Test
    void eachCipher(NioReactor reactor) throws Exception {
        for (String name : List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr")) {
            execWith(reactor, "Ciphers=" + name);
        }
    }

    @Test
    void eachMac(NioReactor reactor) throws Exception {
        for (String name : List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512")) {
            execWith(reactor, "Ciphers=aes128-ctr", "MACs=" + name);
        }
    }

    @Test
    void eachHostKeyAlgorithm(NioReactor reactor) throws Exception {
        for (String name : List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256")) {
            execWith(reactor, "HostKeyAlgorithms=" + name);
        }
    }

    @Test
    void passwordThroughSshpass(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Run run = run(reactor, sshpass(withTarget(ssh(served, "-o", "PreferredAuthentications=password",
                    "-o", "PubkeyAuthentication=no"), "echo in")), null);
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.output()).isEqualTo("in\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void keyboardInteractiveThroughSshpass(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Run run = run(reactor, sshpass(withTarget(ssh(served, "-o",
                    "PreferredAuthentications=keyboard-interactive", "-o", "PubkeyAuthentication=no"), "echo kbd")),
                    null);
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.output()).isEqualTo("kbd\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void aWrongKeyIsPermissionDenied(NioReactor reactor) throws Exception {
        Served served = serve(reactor, new UserAuthConfig().anyOf("password"));
        try {
            Run run = run(reactor, withTarget(ssh(served), "echo never"), null);
            assertThat(run.exitCode()).isEqualTo(255);
            assertThat(run.errors()).contains("Permission denied (password)");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void publickeyThenPasswordWhenBothAreRequired(NioReactor reactor) throws Exception {
        Served served = serve(reactor, new UserAuthConfig().requireAll("publickey", "password"));
        try {
            Run run = run(reactor, sshpass(withTarget(ssh(served, "-o",
                    "PreferredAuthentications=publickey,password"), "echo both")), null);
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.output()).isEqualTo("both\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void inputAndOutputLargerThanTheWindowsArriveWhole(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            byte[] input = new byte[9 * 1024 * 1024 + 7];
            new Random(1).nextBytes(input);
            Run counted = run(reactor, withTarget(ssh(served), "wc -c"), input);
            assertThat(counted.exitCode()).as(counted.errors()).isZero();
            assertThat(counted.output().strip()).isEqualTo(String.valueOf(input.length));
            Run produced = run(reactor, withTarget(ssh(served), "head -c 20000000 /dev/zero"), null);
            assertThat(produced.exitCode()).as(produced.errors()).isZero();
            assertThat(produced.bytes()).hasSize(20_000_000);
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void subsystemFromTheRegistry(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Run run = run(reactor, withTarget(ssh(served, "-s"), "echo"), "through the subsystem".getBytes(UTF_8));
            assertThat(run.output()).isEqualTo("through the subsystem");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void sshTtGetsARealTerminal(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Run run = run(reactor, withTarget(ssh(served, "-tt"), "tty; test -t 0 && echo stdin-is-a-terminal; exit 5"),
                    null);
            assertThat(run.output()).as(run.errors()).contains("/dev/pts/").contains("stdin-is-a-terminal\r\n");
            assertThat(run.exitCode()).isEqualTo(5);
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void interactiveShellOnATerminalRunsWhatIsTyped(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Run run = run(reactor, withTarget(ssh(served, "-tt"), null),
                    "echo typed-$((40 + 2)); exit 6\n".getBytes(UTF_8));
            assertThat(run.output()).as(run.errors()).contains("typed-42\r\n");
            assertThat(run.exitCode()).as(run.output()).isEqualTo(6);
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void pythonTwistedConchClientRunsACommand(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Path script = Path.of(java.util.Objects.requireNonNull(
                    SshInteropTest.class.getResource("twisted_conch_client.py")).toURI());
            Run run = run(reactor, List.of(Peer.PYTHON_TWISTED.require().toString(), script.toString(),
                    String.valueOf(served.number()), "alice", "secret", dir.resolve("known_hosts").toString(),
                    "echo from twisted; exit 7"), null);
            assertThat(run.output()).as(run.errors()).isEqualTo("from twisted\n");
            assertThat(run.exitCode()).as(run.errors()).isEqualTo(7);
            assertThat(Files.readString(dir.resolve("known_hosts"))).as("the host key Twisted accepted and saved")
                    .containsPattern("\\|1\\|\\S+ (ssh-ed25519|ecdsa-sha2-nistp\\d+|ssh-rsa) AAAA");
            System.out.println("twisted conch: " + run.errors().strip());
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void paramikoLogsInAndRunsACommand(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Path script = Path.of(java.util.Objects.requireNonNull(
                    SshInteropTest.class.getResource("paramiko_client.py")).toURI());
            Peer.PARAMIKO.require();
            Run run = run(reactor, List.of(Peer.DEBIAN_PYTHON.toString(), script.toString(),
                    String.valueOf(served.number()), "alice", "secret", "echo from paramiko; exit 4"), null);
            assertThat(run.output()).as(run.errors()).isEqualTo("from paramiko\n");
            assertThat(run.exitCode()).isEqualTo(4);
            System.out.println("paramiko: " + run.errors().strip());
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void badInputOnOneConnectionLeavesAnotherSessionAlone(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        try {
            Deferred<Run> session = start(reactor, withTarget(ssh(served), "read line; echo still $line"),
                    "fine\n".getBytes(UTF_8));
            byte[] answer = Coroutine.await(reactor.deferToThread(() -> {
                try (Socket socket = new Socket("127.0.0.1", served.number())) {
                    socket.setSoTimeout(20_000);
                    OutputStream out = socket.getOutputStream();
                    out.write("SSH-2.0-bad\r\n".getBytes(UTF_8));
                    // A packet_length of 1 GiB.
                    out.write(new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0});
                    out.flush();
                    return socket.getInputStream().readAllBytes();
                }
            }));
            String text = new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("SSH-2.0-").contains("Bad packet length");
            Run run = Coroutine.await(session);
            assertThat(run.output()).as(run.errors()).isEqualTo("still fine\n");
        } finally {
            Coroutine.await(served.port().stopListening());
        }
    }

    // Forwarding.

    private static final int FORWARDED = 64 * 1024 * 1024;

    /** A protocol that keeps writing after the peer's half-close. */
    private abstract static class HalfCloseable extends Protocol implements HalfCloseableProtocol {
        @Override
        public void readConnectionLost() {
        }

        @Override
        public void writeConnectionLost() {
        }
    }

    /**
     * Serves FORWARDED octets of seeded random data to each connection, then closes; a peer's half-close (as
     * {@code ssh -W} sends when its input ends) does not cut it short.
     */
    private static ListeningPort source(NioReactor reactor) {
        return reactor.listenTCP(0, Factory.forProtocol(() -> new HalfCloseable() {
            @Override
            public void connectionMade() {
                Random random = new Random(64);
                byte[] chunk = new byte[1024 * 1024];
                for (int sent = 0; sent < FORWARDED; sent += chunk.length) {
                    random.nextBytes(chunk);
                    transport().write(ByteBuffer.wrap(chunk.clone()));
                }
                transport().loseConnection();
            }
        }), 50, "127.0.0.1");
    }

    private static String expectedDigest() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(64);
        byte[] chunk = new byte[1024 * 1024];
        for (int sent = 0; sent < FORWARDED; sent += chunk.length) {
            random.nextBytes(chunk);
            digest.update(chunk);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String readAllFrom(NioReactor reactor, int port) throws Exception {
        return Coroutine.await(reactor.deferToThread(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[65536];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    total += n;
                }
                return total + ":" + HexFormat.of().formatHex(digest.digest());
            }
        }));
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    @Test
    void stdioForwardingCarriesDataIntact(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        ListeningPort source = source(reactor);
        try {
            Run run = run(reactor, withTarget(ssh(served, "-W", "127.0.0.1:" + port(source)), null), null);
            assertThat(run.exitCode()).as(run.errors()).isZero();
            assertThat(run.bytes().length).isEqualTo(FORWARDED);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(run.bytes())))
                    .isEqualTo(expectedDigest());
        } finally {
            Coroutine.await(source.stopListening());
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void localForwardingCarries64MiBIntact(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        ListeningPort source = source(reactor);
        int local = ExternalServer.freePort();
        ExternalServer ssh = ExternalServer.start(reactor, "ssh -L", withTarget(ssh(served, "-N",
                "-o", "ExitOnForwardFailure=yes", "-L", local + ":127.0.0.1:" + port(source)), null), local);
        try {
            assertThat(readAllFrom(reactor, local)).isEqualTo(FORWARDED + ":" + expectedDigest());
        } finally {
            ssh.stop(reactor);
            Coroutine.await(source.stopListening());
            Coroutine.await(served.port().stopListening());
        }
    }

    @Test
    void remoteForwardingCarries64MiBIntact(NioReactor reactor) throws Exception {
        Served served = serve(reactor);
        ListeningPort source = source(reactor);
        int remote = ExternalServer.freePort();
        ExternalServer ssh = ExternalServer.start(reactor, "ssh -R", withTarget(ssh(served, "-N",
                "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:" + remote + ":127.0.0.1:" + port(source)), null),
                remote);
        try {
            assertThat(readAllFrom(reactor, remote)).isEqualTo(FORWARDED + ":" + expectedDigest());
        } finally {
            ssh.stop(reactor);
            Coroutine.await(source.stopListening());
            Coroutine.await(served.port().stopListening());
        }
    }
}
