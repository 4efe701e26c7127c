package org.twisted4j.conch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.TrialExtension;

/**
 * A session's end follows its child's real wait status: {@code exit-signal} for a death by a signal (the name
 * without {@code SIG}, the core-dumped flag), {@code exit-status} for an exit, even one of 128 + N, on pipes and
 * on a terminal. A subsystem's child waits for its command line, its channel held back meanwhile.
 */
@ExtendWith(TrialExtension.class)
class ProcessUserTest {
    @TempDir
    Path home;

    /**
     * A SessionIO that records the output and fires when the session ends; standard error apart, since the two
     * pipes are read independently and their order is not kept.
     */
    static final class Ending implements SessionIO {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final Deferred<String> ended = new Deferred<>();

        @Override
        public void write(byte[] data) {
            output.writeBytes(data);
        }

        @Override
        public void writeStderr(byte[] data) {
            errors.writeBytes(data);
        }

        @Override
        public void exit(int status) {
            ended.callback("exit-status " + status);
        }

        @Override
        public void exitSignal(String signal, boolean coreDumped, String message) {
            ended.callback("exit-signal " + signal + (coreDumped ? " core" : "") + " '" + message + "'");
        }
    }

    private static String end(int waitStatus) {
        Ending io = new Ending();
        ProcessUser.end(io, waitStatus);
        String[] result = new String[1];
        io.ended.addCallback(r -> result[0] = r);
        return result[0];
    }

    @Test
    void waitStatusesBecomeExitStatusOrExitSignal() {
        assertThat(end(0)).isEqualTo("exit-status 0");
        assertThat(end(143 << 8)).isEqualTo("exit-status 143");
        assertThat(end(15)).isEqualTo("exit-signal TERM ''");
        assertThat(end(9)).isEqualTo("exit-signal KILL ''");
        assertThat(end(0x80 | 11)).isEqualTo("exit-signal SEGV core ''");
        assertThat(end(0x80 | 6)).isEqualTo("exit-signal ABRT core ''");
        assertThat(end(13)).isEqualTo("exit-signal PIPE ''");
        assertThat(end(7)).as("SIGBUS, which RFC 4254 does not name, as sshd").isEqualTo("exit-signal SIG@openssh.com ''");
    }

    private String run(NioReactor reactor, String command, boolean onTerminal) throws Exception {
        Session session = new ProcessUser("someone", reactor, home, false).openSession();
        if (onTerminal) {
            assertThat(session.requestPty(new PtyRequest("xterm", 80, 24, 0, 0, new byte[] {0}))).isTrue();
        }
        Ending io = new Ending();
        assertThat(session.execCommand(io, command)).isTrue();
        String end = Coroutine.await(io.ended);
        String errors = io.errors.toString(UTF_8).strip();
        return end + " " + io.output.toString(UTF_8).strip() + (errors.isEmpty() ? "" : " stderr: " + errors);
    }

    @Test
    void aCommandKilledByASignalOnPipesEndsWithExitSignal(NioReactor reactor) throws Exception {
        Assumptions.assumeTrue(NativeSpawn.available(), "needs Linux with glibc 2.34 or later");
        assertThat(run(reactor, "echo before; kill -TERM $$; echo after", false)).isEqualTo("exit-signal TERM '' before");
        assertThat(run(reactor, "kill -KILL $$", false)).isEqualTo("exit-signal KILL '' ");
        assertThat(run(reactor, "echo out; echo err >&2; exit 143", false)).isEqualTo("exit-status 143 out stderr: err");
    }

    @Test
    void aCommandKilledByASignalOnATerminalEndsWithExitSignal(NioReactor reactor) throws Exception {
        Assumptions.assumeTrue(PtyProcess.available(), "needs Linux with setsid and glibc 2.34 or later");
        assertThat(run(reactor, "kill -HUP $$", true)).isEqualTo("exit-signal HUP '' ");
        assertThat(run(reactor, "exit 130", true)).isEqualTo("exit-status 130 ");
    }

    @Test
    void inputReachesTheCommandAndItsEndClosesItsInput(NioReactor reactor) throws Exception {
        Assumptions.assumeTrue(NativeSpawn.available(), "needs Linux with glibc 2.34 or later");
        Session session = new ProcessUser("someone", reactor, home, false).openSession();
        Ending io = new Ending();
        assertThat(session.execCommand(io, "tr a-z A-Z; pwd")).isTrue();
        session.dataReceived(ByteBuffer.wrap("hello\n".getBytes(UTF_8)));
        session.eofReceived();
        assertThat(Coroutine.await(io.ended)).isEqualTo("exit-status 0");
        assertThat(io.output.toString(UTF_8)).isEqualTo("HELLO\n" + home.toRealPath() + "\n");
    }

    /** A transport that fires {@link #closed} when the protocol loses the connection. */
    private static final class ClosingTransport extends StringTransport {
        final Deferred<String> closed = new Deferred<>();

        @Override
        public void loseConnection() {
            super.loseConnection();
            if (!closed.isCalled()) {
                closed.callback(valueAsString());
            }
        }
    }

    @Test
    void aSubsystemHoldsItsInputUntilItsCommandLineIsMade(NioReactor reactor) throws Exception {
        Deferred<List<String>> command = new Deferred<>();
        Protocol subsystem = new ProcessUser("someone", reactor, home, false).subsystemProcess(command);
        ClosingTransport channel = new ClosingTransport();
        subsystem.makeConnection(channel);
        assertThat(channel.producerState()).as("the channel's window is held back").isEqualTo(ProducerState.PAUSED);
        subsystem.dataReceived(ByteBuffer.wrap("early ".getBytes(UTF_8)));
        subsystem.dataReceived(ByteBuffer.wrap("input\n".getBytes(UTF_8)));

        command.callback(List.of("/usr/bin/tr", "a-z", "A-Z"));
        assertThat(channel.producerState()).isEqualTo(ProducerState.PRODUCING);
        subsystem.dataReceived(ByteBuffer.wrap("later\n".getBytes(UTF_8)));
        subsystem.connectionLost(new Failure(new ConnectionDone()));
        assertThat(Coroutine.await(channel.closed)).isEqualTo("EARLY INPUT\nLATER\n");
    }

    @Test
    void aSubsystemWhoseCommandLineFailsEndsItsChannel(NioReactor reactor) {
        Deferred<List<String>> command = new Deferred<>();
        Protocol subsystem = new ProcessUser("someone", reactor, home, false).subsystemProcess(command);
        ClosingTransport channel = new ClosingTransport();
        subsystem.makeConnection(channel);
        subsystem.dataReceived(ByteBuffer.wrap("dropped".getBytes(UTF_8)));
        command.errback(new java.io.UncheckedIOException(new java.io.IOException("disk full")));
        assertThat(channel.isDisconnecting()).isTrue();
        assertThat(channel.value()).isEmpty();
    }
}
