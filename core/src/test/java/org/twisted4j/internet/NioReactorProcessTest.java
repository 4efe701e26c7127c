package org.twisted4j.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Failure;

class NioReactorProcessTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;
    private static final String SH = "/bin/sh";

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    private ProcessTransport spawn(ProcessProtocol protocol, String executable, List<String> args,
            Map<String, String> env, Path path) throws Exception {
        return running.call(() -> running.reactor.spawnProcess(protocol, executable, args, env, path));
    }

    private ProcessTransport spawn(ProcessProtocol protocol, String executable, String... args) throws Exception {
        return running.call(() -> running.reactor.spawnProcess(protocol, executable, List.of(args)));
    }

    private static Failure ended(RecordingProcessProtocol protocol) throws Exception {
        return protocol.ended.get(T, TimeUnit.SECONDS);
    }

    @Test
    void echoOutputIsDeliveredThenEveryPipeClosesThenTheProcessEndsDone() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "echo", "echo", "hello", "world");

        Failure reason = ended(protocol);
        assertThat(reason.value()).isInstanceOf(ProcessDone.class);
        assertThat(protocol.exited.get()).isSameAs(reason);
        assertThat(protocol.outText()).isEqualTo("hello world\n");
        assertThat(protocol.errText()).isEmpty();
        assertThat(protocol.events.getFirst()).isEqualTo("connectionMade");
        assertThat(protocol.events.getLast()).isEqualTo("ended");
        assertThat(protocol.events).containsOnlyOnce("inLost", "outLost", "errLost", "exited", "ended", "out");
        assertThat(protocol.events.indexOf("out")).isLessThan(protocol.events.indexOf("outLost"));
        assertThat(protocol.threads).containsExactly(running.thread);
        assertThat(transport.pid()).isPositive();
    }

    @Test
    void catEchoesWhatIsWrittenAndEndsDoneAfterCloseStdin() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write("one\n".getBytes(US_ASCII));
            }

            @Override
            public void outReceived(ByteBuffer data) {
                super.outReceived(data);
                if (outText().equals("one\n")) {
                    transport().write(data); // a view of the pipe's buffer: the transport must copy it
                    transport().write("two\n".getBytes(US_ASCII));
                    transport().closeStdin();
                }
            }
        };
        spawn(protocol, "cat", "cat");

        assertThat(ended(protocol).value()).isInstanceOf(ProcessDone.class);
        assertThat(protocol.outText()).isEqualTo("one\none\ntwo\n");
        assertThat(protocol.events).containsOnlyOnce("inLost");
    }

    @Test
    void standardErrorIsDeliveredApartFromStandardOutput() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        spawn(protocol, SH, "sh", "-c", "echo to-out; echo to-err 1>&2");

        ended(protocol);
        assertThat(protocol.outText()).isEqualTo("to-out\n");
        assertThat(protocol.errText()).isEqualTo("to-err\n");
        assertThat(protocol.events.indexOf("err")).isLessThan(protocol.events.indexOf("errLost"));
    }

    @Test
    void nonZeroExitIsProcessTerminatedWithTheExitCode() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        spawn(protocol, SH, "sh", "-c", "exit 3");

        Failure reason = ended(protocol);
        assertThat(reason.value()).isInstanceOfSatisfying(ProcessTerminated.class, terminated -> {
            assertThat(terminated.exitCode()).hasValue(3);
            assertThat(terminated.signal()).isEmpty();
        });
        assertThat(protocol.exited.get().value()).isSameAs(reason.value());
    }

    @Test
    void aSignalThisSideDidNotSendIsReportedAsTheExitCodeTheJdkGives() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        spawn(protocol, SH, "sh", "-c", "kill -TERM $$");

        assertThat(ended(protocol).value()).isInstanceOfSatisfying(ProcessTerminated.class, terminated -> {
            assertThat(terminated.exitCode()).hasValue(128 + 15);
            assertThat(terminated.signal()).isEmpty();
        });
    }

    @Test
    void onlyTheChildDescriptorsZeroToTwoCanBeUsed() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "cat", "cat");
        Throwable writeToOne = running.call(() -> catching(() -> transport.writeToChild(1, ByteBuffer.allocate(1))));
        Throwable closeFive = running.call(() -> catching(() -> transport.closeChildFD(5)));
        running.run(() -> {
            transport.writeToChild(0, ByteBuffer.wrap("via writeToChild\n".getBytes(US_ASCII)));
            transport.closeChildFD(0);
        });

        ended(protocol);
        assertThat(writeToOne).isInstanceOf(IllegalArgumentException.class);
        assertThat(closeFive).isInstanceOf(IllegalArgumentException.class);
        assertThat(protocol.outText()).isEqualTo("via writeToChild\n");
    }

    @Test
    void termSignalEndsTheChildAndIsReportedAsThatSignal() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "sleep", "sleep", "100");
        running.run(() -> transport.signalProcess("TERM"));

        assertThat(ended(protocol).value()).isInstanceOfSatisfying(ProcessTerminated.class, terminated -> {
            assertThat(terminated.signal()).hasValue(15);
            assertThat(terminated.exitCode()).isEmpty();
        });
    }

    @Test
    void killSignalEndsTheChildAndIsReportedAsThatSignal() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "sleep", "sleep", "100");
        running.run(() -> transport.signalProcess("KILL"));

        assertThat(ended(protocol).value()).isInstanceOfSatisfying(ProcessTerminated.class,
                terminated -> assertThat(terminated.signal()).hasValue(9));
    }

    @Test
    void otherSignalsAreSentWithKillAndReportedAsThatSignal() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "sleep", "sleep", "100");
        running.run(() -> transport.signalProcess("ALRM"));

        assertThat(ended(protocol).value()).isInstanceOfSatisfying(ProcessTerminated.class,
                terminated -> assertThat(terminated.signal()).hasValue(14));
    }

    @Test
    void signalToAnExitedChildIsProcessExitedAlreadyAndUnknownSignalsAreRefused() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "true"); // no arguments at all, not even a name
        assertThat(ended(protocol).value()).isInstanceOf(ProcessDone.class);

        Throwable afterExit = running.call(() -> catching(() -> transport.signalProcess("TERM")));
        assertThat(afterExit).isInstanceOf(ProcessExitedAlready.class)
                .hasMessageContaining(Long.toString(transport.pid()));

        RecordingProcessProtocol sleeper = new RecordingProcessProtocol();
        ProcessTransport sleeping = spawn(sleeper, "sleep", "sleep", "100");
        Throwable unknown = running.call(() -> catching(() -> sleeping.signalProcess("WINCH")));
        assertThat(unknown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WINCH");
        running.run(() -> sleeping.signalProcess("KILL"));
        ended(sleeper);
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void environmentMapIsTheWholeEnvironmentAndPathIsTheWorkingDirectory(@TempDir Path directory)
            throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        spawn(protocol, SH, List.of("sh", "-c", "echo \"[$GREETING][$HOME]\"; pwd -P"), Map.of("GREETING", "hi"),
                directory);

        ended(protocol);
        assertThat(protocol.outText()).isEqualTo("[hi][]\n" + directory.toRealPath() + "\n");
    }

    @Test
    void noEnvironmentMapInheritsThisProcessEnvironmentAndTheDefaultIsEmpty() throws Exception {
        String home = System.getenv("HOME");
        assertThat(home).as("HOME is set for the tests").isNotEmpty();
        RecordingProcessProtocol inheriting = new RecordingProcessProtocol();
        spawn(inheriting, SH, List.of("sh", "-c", "echo \"[$HOME]\""), null, null);
        RecordingProcessProtocol defaulted = new RecordingProcessProtocol();
        spawn(defaulted, SH, "sh", "-c", "echo \"[$HOME]\"");

        ended(inheriting);
        ended(defaulted);
        assertThat(inheriting.outText()).isEqualTo("[" + home + "]\n");
        assertThat(defaulted.outText()).isEqualTo("[]\n");
    }

    @Test
    void largeOutputArrivesCompleteAndInOrder() throws Exception {
        int lines = 5_000_000;
        RecordingProcessProtocol protocol = new RecordingProcessProtocol(false);
        spawn(protocol, "seq", "seq", "1", Integer.toString(lines));

        CRC32 expected = new CRC32();
        long expectedBytes = 0;
        StringBuilder batch = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            batch.append(i).append('\n');
            if (batch.length() > 60_000 || i == lines) {
                byte[] bytes = batch.toString().getBytes(US_ASCII);
                expected.update(bytes);
                expectedBytes += bytes.length;
                batch.setLength(0);
            }
        }
        assertThat(ended(protocol).value()).isInstanceOf(ProcessDone.class);
        assertThat(protocol.outBytes).isEqualTo(expectedBytes);
        assertThat(protocol.outCrc.getValue()).isEqualTo(expected.getValue());
        assertThat(protocol.events.indexOf("out")).isLessThan(protocol.events.indexOf("outLost"));
    }

    @Test
    void outputPausedAfterEveryChunkAndResumedOnTheNextTurnStillArrivesCompleteAndInOrder() throws Exception {
        int lines = 1_000_000;
        int[] pauses = {0};
        RecordingProcessProtocol protocol = new RecordingProcessProtocol(false) {
            @Override
            public void outReceived(ByteBuffer data) {
                super.outReceived(data);
                transport().pauseProducing();
                pauses[0]++;
                running.reactor.callLater(0, transport()::resumeProducing);
            }
        };
        spawn(protocol, "seq", "seq", "1", Integer.toString(lines));

        CRC32 expected = new CRC32();
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            all.append(i).append('\n');
        }
        byte[] bytes = all.toString().getBytes(US_ASCII);
        expected.update(bytes);
        assertThat(ended(protocol).value()).isInstanceOf(ProcessDone.class);
        assertThat(protocol.outBytes).isEqualTo(bytes.length);
        assertThat(protocol.outCrc.getValue()).isEqualTo(expected.getValue());
        assertThat(pauses[0]).isGreaterThan(1);
    }

    @Test
    void stoppingTheReactorLeavesARunningChildAlone() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        ProcessTransport transport = spawn(protocol, "sleep", "sleep", "100");
        ProcessHandle child = ProcessHandle.of(transport.pid()).orElseThrow();
        try {
            running.close(); // fails if the reactor's thread does not end
            assertThat(child.isAlive()).isTrue();
            assertThat(protocol.exited).isNotDone();
        } finally {
            child.destroyForcibly();
        }
        child.onExit().get(T, TimeUnit.SECONDS);
        assertThat(protocol.ended).as("a stopped reactor delivers nothing more").isNotDone();
    }

    @Test
    void nonexistentExecutableThrowsAtSpawnAndNeverConnects() {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        assertThatThrownBy(() -> spawn(protocol, "/nonexistent/program", "program"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("/nonexistent/program");
        assertThat(protocol.events).isEmpty();
    }

    @Test
    void pausedTransportHoldsOutputBackUntilResumed() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().pauseProducing();
            }

            @Override
            public void processExited(Failure reason) {
                super.processExited(reason);
                transport().resumeProducing();
            }
        };
        spawn(protocol, SH, "sh", "-c", "echo held; echo held-too 1>&2");

        ended(protocol);
        assertThat(protocol.outText()).isEqualTo("held\n");
        assertThat(protocol.errText()).isEqualTo("held-too\n");
        List<String> events = protocol.events;
        assertThat(events.indexOf("exited")).isLessThan(events.indexOf("out")).isLessThan(events.indexOf("err"));
        assertThat(events.indexOf("out")).isLessThan(events.indexOf("outLost"));
        assertThat(events.indexOf("err")).isLessThan(events.indexOf("errLost"));
    }

    @Test
    void loseConnectionClosesStdinSoCatEndsDone() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().loseConnection();
            }
        };
        spawn(protocol, "cat", "cat");

        assertThat(ended(protocol).value()).isInstanceOf(ProcessDone.class);
        assertThat(protocol.events).containsOnlyOnce("inLost", "outLost", "errLost");
    }

    @Test
    void closeStdoutStopsDeliveryAtOnceAndTheChildFailsToWriteMore() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void outReceived(ByteBuffer data) {
                super.outReceived(data);
                transport().closeStdout();
            }
        };
        spawn(protocol, "yes", "yes");

        assertThat(ended(protocol).value()).isInstanceOf(ProcessTerminated.class);
        assertThat(protocol.events.subList(1, 3)).containsExactly("out", "outLost");
        assertThat(protocol.events).containsOnlyOnce("out");
    }

    @Test
    void twentyFiveChildrenAtOnceEachGetTheirOwnOutputAndEnd() throws Exception {
        List<RecordingProcessProtocol> protocols = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            RecordingProcessProtocol protocol = new RecordingProcessProtocol();
            protocols.add(protocol);
            spawn(protocol, SH, "sh", "-c", "echo child " + i + "; exit " + (i % 3));
        }
        for (int i = 0; i < 25; i++) {
            RecordingProcessProtocol protocol = protocols.get(i);
            Failure reason = ended(protocol);
            assertThat(protocol.outText()).isEqualTo("child " + i + "\n");
            assertThat(reason.value()).isInstanceOf(i % 3 == 0 ? ProcessDone.class : ProcessTerminated.class);
        }
    }
}
