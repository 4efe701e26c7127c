package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.conch.SshInteropTest.Run;
import org.twisted4j.conch.tap.ConchPlugin;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * Sessions of system accounts run as the account: {@code twist conch --auth unix} running as root, a throwaway
 * account made with {@code useradd} and a password set with {@code chpasswd}, OpenSSH's {@code ssh} logging in
 * with the password (through {@code sshpass}). Commands on pipes and on a terminal ({@code ssh -tt}) see the
 * account's uid, groups, home directory and shell; a file the session makes belongs to the account; its SFTP
 * ({@code sftp -b}) runs as the account from its home directory: an upload belongs to it, a download gives the
 * bytes back, a file only root may read is refused. Needs root, as switching users does: skipped otherwise.
 */
@ExtendWith(TrialExtension.class)
class SshUnixAccountInteropTest {
    private static final Peer SETPRIV = Peer.command("setpriv", "util-linux");
    private static final Peer USERADD = Peer.command("useradd", "passwd", Path.of("/usr/sbin"));
    private static final Peer USERDEL = Peer.command("userdel", "passwd", Path.of("/usr/sbin"));
    private static final Peer CHPASSWD = Peer.command("chpasswd", "passwd", Path.of("/usr/sbin"));

    @TempDir
    Path dir;

    private record Account(UnixAccount account, String password) {
    }

    @Test
    void commandsAndTerminalSessionsRunAsTheAccount(NioReactor reactor) throws Exception {
        Assumptions.assumeTrue(UnixAccount.processUid() == 0,
                "switching to another account needs a server running as root; this test runs as uid "
                        + UnixAccount.processUid());
        SETPRIV.require();
        Peer.SSH.require();
        Peer.SFTP.require();
        Peer.SSHPASS.require();
        String name = "t4j" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        Run made = SshInteropTest.run(reactor, List.of(USERADD.require().toString(), "-m", "-U", "-G", "users",
                "-s", "/bin/bash", name), null);
        assertThat(made.exitCode()).as(made.errors()).isZero();
        try {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            Run set = SshInteropTest.run(reactor, List.of(CHPASSWD.require().toString()),
                    (name + ":" + password + "\n").getBytes(UTF_8));
            assertThat(set.exitCode()).as(set.errors()).isZero();
            UnixAccount account = UnixAccount.lookup(name).orElseThrow();
            check(reactor, new Account(account, password));
        } finally {
            // The account's last SFTP server may still be exiting (its input closed with the channel): userdel
            // refuses an account that runs a process, so wait for each to end first (a server whose input is
            // never closed fails the test here rather than living on).
            List<String> lingering = Coroutine.await(reactor.deferToThread(() -> {
                List<String> alive = new ArrayList<>();
                for (ProcessHandle p : ProcessHandle.allProcesses()
                        .filter(p -> p.info().user().filter(name::equals).isPresent()).toList()) {
                    try {
                        p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        alive.add(p.pid() + " " + p.info().commandLine().orElse("?"));
                        p.destroyForcibly();
                        p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
                return alive;
            }));
            Run removed = SshInteropTest.run(reactor, List.of(USERDEL.require().toString(), "-r", name), null);
            assertThat(lingering).as("the account's processes after its sessions ended").isEmpty();
            assertThat(removed.errors()).doesNotContain("currently used by process");
        }
    }

    private void check(NioReactor reactor, Account user) throws Exception {
        ConchPlugin plugin = new ConchPlugin();
        StreamServerEndpointService service = (StreamServerEndpointService) plugin.makeService(reactor,
                plugin.options().parse(List.of("-p", "tcp:0", "-i", "127.0.0.1", "-d", dir.resolve("keys").toString(),
                        "--auth", "unix")));
        service.startService();
        try {
            int port = ((IPv4Address) Coroutine.await(service.whenListening()).getHost()).port();
            UnixAccount account = user.account();
            String home = account.home().toString();

            Run exec = SshInteropTest.run(reactor, ssh(port, user, null,
                    "id -u; id -G; pwd; echo $HOME; echo $USER $LOGNAME $SHELL; "
                            + "test -n \"$BASH_VERSION\" && echo bash; touch made-by-session"), null);
            assertThat(exec.exitCode()).as(exec.errors()).isZero();
            assertThat(exec.output().lines().toList()).containsExactly(String.valueOf(account.uid()),
                    account.gid() + " 100", home, home,
                    account.name() + " " + account.name() + " /bin/bash", "bash");
            Path made = account.home().resolve("made-by-session");
            assertThat(Files.getAttribute(made, "unix:uid")).isEqualTo(account.uid());
            assertThat(Files.getAttribute(made, "unix:gid")).isEqualTo(account.gid());

            Run pty = SshInteropTest.run(reactor, ssh(port, user, "-tt",
                    "id -u; id -G; pwd; echo $HOME; stat -c %u $(tty); touch made-on-terminal"), null);
            assertThat(pty.exitCode()).as(pty.errors()).isZero();
            assertThat(pty.output().replace("\r", "").lines().toList()).containsExactly(
                    String.valueOf(account.uid()), account.gid() + " 100", home, home,
                    String.valueOf(account.uid()));
            assertThat(Files.getAttribute(account.home().resolve("made-on-terminal"), "unix:uid"))
                    .isEqualTo(account.uid());

            sftpRunsAsTheAccount(reactor, port, user);
        } finally {
            Coroutine.await(service.stopService());
        }
    }

    /**
     * The account's SFTP runs in a child JVM as the account, from its home directory: an upload belongs to it, a
     * download gives the bytes back, and a file only root may read is refused.
     */
    private void sftpRunsAsTheAccount(NioReactor reactor, int port, Account user) throws Exception {
        UnixAccount account = user.account();
        byte[] data = new byte[300_000];
        new SecureRandom().nextBytes(data);
        Path local = Files.write(dir.resolve("upload.bin"), data);
        Path back = dir.resolve("download.bin");
        Path secret = Files.writeString(account.home().resolve("root-only"), "root's\n");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        long started = System.nanoTime();
        Run transfer = sftp(reactor, port, user, "pwd", "put " + local + " uploaded.bin",
                "get uploaded.bin " + back);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(transfer.exitCode()).as(transfer.output() + transfer.errors()).isZero();
        assertThat(transfer.output()).contains("Remote working directory: " + account.home());
        Path uploaded = account.home().resolve("uploaded.bin");
        assertThat(Files.getAttribute(uploaded, "unix:uid")).isEqualTo(account.uid());
        assertThat(Files.getAttribute(uploaded, "unix:gid")).isEqualTo(account.gid());
        assertThat(Files.readAllBytes(uploaded)).isEqualTo(data);
        assertThat(Files.readAllBytes(back)).isEqualTo(data);
        System.out.println("sftp session as " + account.name() + " (pwd, put and get of 300 kB): " + millis + " ms");

        Run refused = sftp(reactor, port, user, "get root-only " + dir.resolve("stolen"));
        assertThat(refused.exitCode()).as(refused.output() + refused.errors()).isNotZero();
        assertThat(refused.output() + refused.errors()).contains("Permission denied");
        assertThat(dir.resolve("stolen")).doesNotExist();
    }

    /** Runs OpenSSH's {@code sftp -b} with these commands, logging in with the account's password. */
    private Run sftp(NioReactor reactor, int port, Account user, String... commands) throws Exception {
        Path batch = Files.write(dir.resolve("batch"), List.of(commands), UTF_8);
        // BatchMode=no before -b: sftp -b turns batch mode on, which would forbid the password; ssh keeps the
        // first value of an option.
        return SshInteropTest.run(reactor, List.of(Peer.SSHPASS.require().toString(), "-p", user.password(),
                Peer.SFTP.require().toString(), "-F", "/dev/null", "-P", String.valueOf(port),
                "-o", "BatchMode=no", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR", "-b", batch.toString(),
                user.account().name() + "@127.0.0.1"), null);
    }

    private static List<String> ssh(int port, Account user, String option, String command) {
        List<String> argv = new ArrayList<>(List.of(Peer.SSHPASS.require().toString(), "-p", user.password(),
                Peer.SSH.require().toString(), "-F", "/dev/null", "-p", String.valueOf(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
                "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR"));
        if (option != null) {
            argv.add(option);
        }
        argv.add(user.account().name() + "@127.0.0.1");
        argv.add(command);
        return argv;
    }
}
