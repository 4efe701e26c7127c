package org.twisted4j.conch.connection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.conch.SubsystemRegistry;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.RawService;
import org.twisted4j.conch.transport.TransportPair;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;

class SshConnectionTest {

    /** A session that records what the client asked and lets the test write as the command. */
    static final class Recorded implements Session {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream input = new ByteArrayOutputStream();
        SessionIO io;

        @Override
        public boolean setEnv(String name, String value) {
            events.add("env " + name + "=" + value);
            return name.equals("LANG");
        }

        @Override
        public boolean requestPty(PtyRequest request) {
            events.add("pty " + request.term() + " " + request.columns() + "x" + request.rows());
            return true;
        }

        @Override
        public void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
            events.add("window " + columns + "x" + rows);
        }

        @Override
        public boolean execCommand(SessionIO sessionIo, String command) {
            events.add("exec " + command);
            io = sessionIo;
            return true;
        }

        @Override
        public boolean openShell(SessionIO sessionIo) {
            events.add("shell");
            io = sessionIo;
            return true;
        }

        @Override
        public boolean signal(String name) {
            events.add("signal " + name);
            return true;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            input.writeBytes(bytes);
        }

        @Override
        public void eofReceived() {
            events.add("eof");
        }

        @Override
        public void closed() {
            events.add("closed");
        }

        @Override
        public void pauseOutput() {
            events.add("pause");
        }

        @Override
        public void resumeOutput() {
            events.add("resume");
        }
    }

    private final Clock clock = new Clock();
    private final List<Recorded> sessions = new ArrayList<>();
    private final SubsystemRegistry subsystems = new SubsystemRegistry();
    private boolean loggedOut;

    private TransportPair connect() {
        ConchUser user = new ConchUser() {
            @Override
            public String username() {
                return "alice";
            }

            @Override
            public Session openSession() {
                Recorded session = new Recorded();
                sessions.add(session);
                return session;
            }
        };
        return TransportPair.connect(clock, "ssh-connection",
                t -> new SshConnection(user, null, subsystems, () -> loggedOut = true));
    }

    private static int openSession(TransportPair pair, long window, int maxPacket) {
        pair.raw().send(90, new SshWireWriter().name("session").uint32(7).uint32(window).uint32(maxPacket));
        pair.flush();
        RawService.Packet confirmation = pair.raw().last();
        assertThat(confirmation.number()).isEqualTo(91);
        SshWire in = confirmation.wire();
        assertThat(in.uint32()).isEqualTo(7);
        return (int) in.uint32();
    }

    private static void request(TransportPair pair, int channel, String type, boolean wantReply, SshWireWriter data) {
        pair.raw().send(98, new SshWireWriter().uint32(channel).name(type).bool(wantReply).raw(data.toByteArray()));
        pair.flush();
    }

    /** The data the client received on its channel 7, joined. */
    private static String dataReceived(TransportPair pair) {
        StringBuilder text = new StringBuilder();
        for (RawService.Packet packet : pair.raw().received) {
            if (packet.number() == 94) {
                SshWire in = packet.wire();
                assertThat(in.uint32()).isEqualTo(7);
                text.append(new String(in.string(), UTF_8));
            }
        }
        return text.toString();
    }

    @Test
    void execRunsAndEndsWithDataEofExitStatusAndClose() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "env", true, new SshWireWriter().utf8("LANG").utf8("C.UTF-8"));
        request(pair, channel, "env", true, new SshWireWriter().utf8("LD_PRELOAD").utf8("x"));
        request(pair, channel, "exec", true, new SshWireWriter().utf8("echo hi"));
        Recorded session = sessions.get(0);
        assertThat(session.events).containsExactly("env LANG=C.UTF-8", "env LD_PRELOAD=x", "exec echo hi");
        assertThat(pair.raw().numbers()).containsSubsequence(99, 100, 99);
        session.io.write("hi\n".getBytes(UTF_8));
        session.io.writeStderr("warn\n".getBytes(UTF_8));
        session.io.exit(3);
        pair.flush();
        List<Integer> numbers = pair.raw().numbers();
        assertThat(numbers.subList(numbers.size() - 5, numbers.size())).containsExactly(94, 95, 96, 98, 97);
        assertThat(dataReceived(pair)).isEqualTo("hi\n");
        SshWire exitStatus = pair.raw().received.get(numbers.size() - 2).wire();
        exitStatus.uint32();
        assertThat(exitStatus.name()).isEqualTo("exit-status");
        assertThat(exitStatus.bool()).isFalse();
        assertThat(exitStatus.uint32()).isEqualTo(3);
        pair.raw().send(97, new SshWireWriter().uint32(channel));
        pair.flush();
        assertThat(session.events).endsWith("closed");
        assertThat(((SshConnection) pair.server().service()).channels()).isEmpty();
    }

    @Test
    void aCommandKilledByASignalEndsWithExitSignal() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "exec", true, new SshWireWriter().utf8("kill -SEGV $$"));
        sessions.get(0).io.exitSignal("SEGV", true, "");
        pair.flush();
        List<Integer> numbers = pair.raw().numbers();
        assertThat(numbers.subList(numbers.size() - 3, numbers.size())).containsExactly(96, 98, 97);
        SshWire exitSignal = pair.raw().received.get(numbers.size() - 2).wire();
        assertThat(exitSignal.uint32()).isEqualTo(7);
        assertThat(exitSignal.name()).isEqualTo("exit-signal");
        assertThat(exitSignal.bool()).as("want reply").isFalse();
        assertThat(exitSignal.name()).as("signal name without SIG").isEqualTo("SEGV");
        assertThat(exitSignal.bool()).as("core dumped").isTrue();
        assertThat(exitSignal.utf8()).as("error message").isEmpty();
        assertThat(exitSignal.name()).as("language tag").isEmpty();
        assertThat(exitSignal.remaining()).isZero();
    }

    @Test
    void theClientsWindowAndMaximumPacketAreHonoured() {
        TransportPair pair = connect();
        int channel = openSession(pair, 100, 40);
        request(pair, channel, "shell", false, new SshWireWriter());
        Recorded session = sessions.get(0);
        session.io.write("x".repeat(1000).getBytes(UTF_8));
        pair.flush();
        List<Integer> sizes = new ArrayList<>();
        for (RawService.Packet packet : pair.raw().received) {
            if (packet.number() == 94) {
                SshWire in = packet.wire();
                in.uint32();
                sizes.add(in.string().length);
            }
        }
        assertThat(sizes).containsExactly(40, 40, 20);
        pair.raw().send(93, new SshWireWriter().uint32(channel).uint32(900));
        pair.flush();
        assertThat(dataReceived(pair)).hasSize(1000);
    }

    @Test
    void aSourceIsPausedWhileTheWindowIsShutAndResumedAfter() {
        TransportPair pair = connect();
        int channel = openSession(pair, 0, 32768);
        request(pair, channel, "shell", false, new SshWireWriter());
        Recorded session = sessions.get(0);
        session.io.write(new byte[SshChannel.HIGH_WATER + 1]);
        assertThat(session.events).endsWith("pause");
        pair.raw().send(93, new SshWireWriter().uint32(channel).uint32(SshChannel.HIGH_WATER));
        pair.flush();
        assertThat(session.events).endsWith("resume");
    }

    @Test
    void inputIsAcknowledgedWithWindowAdjustments() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "shell", false, new SshWireWriter());
        byte[] chunk = new byte[32768];
        for (int i = 0; i < 40; i++) {
            pair.raw().send(94, new SshWireWriter().uint32(channel).string(chunk));
        }
        pair.flush();
        assertThat(sessions.get(0).input.size()).isEqualTo(40 * 32768);
        assertThat(pair.raw().numbers()).contains(93);
        assertThat(pair.client().disconnectReason()).isEqualTo(-1);
    }

    @Test
    void dataBeyondTheWindowIsAProtocolError() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "shell", false, new SshWireWriter());
        SshChannel serverChannel = ((SshConnection) pair.server().service()).channels().get(0);
        serverChannel.pauseInput();
        byte[] chunk = new byte[32768];
        for (int i = 0; i <= SshChannel.DEFAULT_WINDOW / chunk.length; i++) {
            pair.raw().send(94, new SshWireWriter().uint32(channel).string(chunk));
        }
        pair.flush();
        assertThat(pair.client().disconnectReason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
        assertThat(sessions.get(0).events).endsWith("closed");
        assertThat(loggedOut).isTrue();
    }

    @Test
    void aPacketOverTheMaximumIsAProtocolError() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        pair.raw().send(94, new SshWireWriter().uint32(channel).string(new byte[SshChannel.DEFAULT_MAX_PACKET + 1]));
        pair.flush();
        assertThat(pair.client().disconnectReason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void dataForAnUnknownChannelIsAProtocolError() {
        TransportPair pair = connect();
        pair.raw().send(94, new SshWireWriter().uint32(42).string(new byte[1]));
        pair.flush();
        assertThat(pair.client().disconnectReason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void ptyWindowChangeAndSignalReachTheSession() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "pty-req", true, new SshWireWriter().utf8("xterm").uint32(80).uint32(24).uint32(0)
                .uint32(0).string(new byte[] {0}));
        request(pair, channel, "shell", true, new SshWireWriter());
        request(pair, channel, "window-change", false, new SshWireWriter().uint32(100).uint32(40).uint32(0)
                .uint32(0));
        request(pair, channel, "signal", false, new SshWireWriter().name("INT"));
        pair.raw().send(96, new SshWireWriter().uint32(channel));
        pair.flush();
        assertThat(sessions.get(0).events).containsExactly("pty xterm 80x24", "shell", "window 100x40", "signal INT",
                "eof");
    }

    @Test
    void aSecondCommandOnOneSessionIsRefused() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "exec", true, new SshWireWriter().utf8("true"));
        request(pair, channel, "exec", true, new SshWireWriter().utf8("false"));
        assertThat(pair.raw().numbers()).endsWith(99, 100);
    }

    @Test
    void subsystemsComeFromTheRegistry() {
        List<String> seen = new ArrayList<>();
        subsystems.register("echo", user -> new Protocol() {
            @Override
            public void dataReceived(ByteBuffer data) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                seen.add(new String(bytes, UTF_8));
                transport().write(ByteBuffer.wrap(bytes));
            }
        });
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "subsystem", true, new SshWireWriter().utf8("nope"));
        request(pair, channel, "subsystem", true, new SshWireWriter().utf8("echo"));
        assertThat(pair.raw().numbers()).endsWith(100, 99);
        pair.raw().send(94, new SshWireWriter().uint32(channel).string("ping".getBytes(UTF_8)));
        pair.flush();
        assertThat(seen).containsExactly("ping");
        assertThat(dataReceived(pair)).isEqualTo("ping");

        pair.raw().send(96, new SshWireWriter().uint32(channel));
        pair.flush();
        List<Integer> numbers = pair.raw().numbers();
        assertThat(numbers.subList(numbers.size() - 3, numbers.size())).as("EOF, exit-status, close, as sshd")
                .containsExactly(96, 98, 97);
        SshWire exitStatus = pair.raw().received.get(numbers.size() - 2).wire();
        exitStatus.uint32();
        assertThat(exitStatus.name()).isEqualTo("exit-status");
        assertThat(exitStatus.bool()).isFalse();
        assertThat(exitStatus.uint32()).isZero();
    }

    @Test
    void unknownChannelTypesAndForwardingWithoutAReactorAreRefused() {
        TransportPair pair = connect();
        pair.raw().send(90, new SshWireWriter().name("x11").uint32(1).uint32(100).uint32(100));
        pair.raw().send(90, new SshWireWriter().name("direct-tcpip").uint32(2).uint32(100).uint32(100)
                .utf8("127.0.0.1").uint32(22).utf8("127.0.0.1").uint32(5000));
        pair.flush();
        List<RawService.Packet> failures = pair.raw().received.stream().filter(p -> p.number() == 92).toList();
        assertThat(failures).hasSize(2);
        SshWire first = failures.get(0).wire();
        assertThat(first.uint32()).isEqualTo(1);
        assertThat(first.uint32()).isEqualTo(ChannelOpenRefused.UNKNOWN_CHANNEL_TYPE);
        SshWire second = failures.get(1).wire();
        assertThat(second.uint32()).isEqualTo(2);
        assertThat(second.uint32()).isEqualTo(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED);
    }

    @Test
    void agentForwardingIsRefusedUnlessAllowedAndAgentChannelsUnlessAskedFor() {
        TransportPair pair = connect();
        int channel = openSession(pair, 1 << 20, 32768);
        request(pair, channel, "auth-agent-req@openssh.com", true, new SshWireWriter());
        assertThat(pair.raw().last().number()).isEqualTo(100);
        pair.raw().send(90, new SshWireWriter().name("auth-agent@openssh.com").uint32(3).uint32(100).uint32(100));
        pair.flush();
        RawService.Packet refused = pair.raw().last();
        assertThat(refused.number()).isEqualTo(92);
        SshWire in = refused.wire();
        assertThat(in.uint32()).isEqualTo(3);
        assertThat(in.uint32()).isEqualTo(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED);
        assertThat(sessions.get(0).events).isEmpty();
    }

    @Test
    void keepalivesAreAnsweredAndNoMoreSessionsIsObeyed() {
        TransportPair pair = connect();
        pair.raw().send(80, new SshWireWriter().name("keepalive@openssh.com").bool(true));
        pair.flush();
        assertThat(pair.raw().last().number()).isEqualTo(82);
        openSession(pair, 1000, 1000);
        pair.raw().send(80, new SshWireWriter().name("no-more-sessions@openssh.com").bool(false));
        pair.raw().send(90, new SshWireWriter().name("session").uint32(8).uint32(100).uint32(100));
        pair.flush();
        assertThat(pair.raw().last().number()).isEqualTo(92);
        assertThat(pair.raw().last().wire().uint32()).isEqualTo(8);
    }

    @Test
    void remoteForwardingIsRefusedWithoutAReactor() {
        TransportPair pair = connect();
        pair.raw().send(80, new SshWireWriter().name("tcpip-forward").bool(true).utf8("127.0.0.1").uint32(0));
        pair.flush();
        assertThat(pair.raw().last().number()).isEqualTo(82);
    }

    @Test
    void losingTheConnectionClosesEveryChannelAndLogsOut() {
        TransportPair pair = connect();
        openSession(pair, 1000, 1000);
        pair.client().loseConnection();
        pair.flush();
        assertThat(sessions.get(0).events).containsExactly("closed");
        assertThat(loggedOut).isTrue();
    }
}
