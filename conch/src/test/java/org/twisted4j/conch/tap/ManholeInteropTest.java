package org.twisted4j.conch.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.Service;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.conch.TmuxServer;
import org.twisted4j.conch.manhole.ManholeService;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * {@code twist manhole} as its users meet it: Debian's {@code telnet} and OpenSSH's {@code ssh}, each in a tmux
 * pane of a tmux server of the test's own, log in, evaluate an expression and a Deferred, and edit and recall
 * lines; the screen is read back with {@code capture-pane} ({@link TmuxServer}).
 */
@ExtendWith(TrialExtension.class)
class ManholeInteropTest {

    @TempDir
    Path dir;

    private TmuxServer tmux;
    private ManholeService service;
    private int telnetPort;
    private int sshPort;

    @BeforeEach
    void start(NioReactor reactor) throws Exception {
        tmux = new TmuxServer(reactor);
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:secret\n");
        ManholePlugin plugin = new ManholePlugin();
        service = (ManholeService) plugin.makeService(reactor, plugin.options().parse(List.of(
                "--telnetPort", "tcp:0:interface=127.0.0.1", "--sshPort", "tcp:0:interface=127.0.0.1",
                "--passwd", passwd.toString(), "--sshKeyDir", dir.toString(), "--sshKeySize", "2048")));
        service.startService();
        List<Service> ports = service.services();
        telnetPort = port(ports.get(0));
        sshPort = port(ports.get(1));
    }

    private static int port(Service service) throws Exception {
        return ((IPv4Address) Coroutine.await(((StreamServerEndpointService) service).whenListening()).getHost())
                .port();
    }

    @AfterEach
    void stop(NioReactor reactor) throws Exception {
        if (tmux != null) {
            tmux.close();
        }
        if (service != null) {
            Coroutine.await(service.stopService());
        }
    }

    @Test
    void telnetLogsInAndEvaluatesAnExpressionAndADeferred(NioReactor reactor) throws Exception {
        Path telnet = Peer.TELNET.require();
        tmux.start(120, 40, telnet + " 127.0.0.1 " + telnetPort);
        tmux.screen("Username:");
        tmux.keys("alice", "Enter");
        tmux.screen("Password:");
        tmux.keys("secret", "Enter");
        tmux.screen(">>>");
        tmux.keys("6 * 7", "Enter");
        tmux.screen("$1 ==> 42");
        tmux.keys("Tasks.deferLater(reactor, 0.2, () -> \"later\")", "Enter");
        String shown = tmux.screen("Deferred #0 called back: \"later\"");
        assertThat(shown).contains("$2 ==> <Deferred #0>").doesNotContain("secret");
        tmux.keys("C-d");
        tmux.gone();
    }

    @Test
    void sshRecallsHistoryAndEditsTheLineOnScreen(NioReactor reactor) throws Exception {
        Path ssh = Peer.SSH.require();
        Path sshpass = Peer.SSHPASS.require();
        tmux.start(120, 40, sshpass + " -p secret " + ssh
                + " -tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p "
                + sshPort + " alice@127.0.0.1");
        tmux.screen(">>>");
        tmux.keys("1 + 1", "Enter");
        tmux.screen("$1 ==> 2");
        tmux.keys("40 + 2", "Enter");
        tmux.screen("$2 ==> 42");
        tmux.keys("Up", "Up");
        tmux.screen(">>> 1 + 1\n$1 ==> 2\n>>> 40 + 2\n$2 ==> 42\n>>> 1 + 1");
        tmux.keys("BSpace", "9", "Home", "2", "Right", "Right", "Delete", "-");
        tmux.screen("\n>>> 21 - 9");
        tmux.keys("Enter");
        tmux.screen("$3 ==> 12");
        tmux.keys("Up", "Down", "Enter");
        String shown = tmux.screen("$3 ==> 12\n>>>\n>>>");
        assertThat(shown).doesNotContain("Error");
        tmux.keys("C-d");
        tmux.gone();
    }
}
