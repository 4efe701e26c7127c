package org.twisted4j.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

/** A child's standard input on the real reactor: large writes, producers, closing, failing protocols. */
class NioReactorProcessInputTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;
    private static final int PIECE = 16 * 1024;

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    private ProcessTransport spawn(ProcessProtocol protocol, String executable, String... args) throws Exception {
        return running.call(() -> running.reactor.spawnProcess(protocol, executable, List.of(args)));
    }

    @Test
    void megabytesWrittenThroughCatComeBackIdentical() throws Exception {
        byte[] pattern = new byte[1 << 20];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + i / 251);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(pattern.length).put(pattern).flip();
        CRC32 expected = new CRC32();
        for (int i = 0; i < 12; i++) {
            expected.update(pattern);
        }
        RecordingProcessProtocol protocol = new RecordingProcessProtocol(false) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                for (int i = 0; i < 10; i++) {
                    transport().write(pattern);
                }
                transport().writeSequence(List.of(direct, ByteBuffer.wrap(pattern)));
                transport().closeStdin();
            }
        };
        spawn(protocol, "cat", "cat");

        assertThat(protocol.ended.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ProcessDone.class);
        assertThat(protocol.outBytes).isEqualTo(12L * pattern.length);
        assertThat(protocol.outCrc.getValue()).isEqualTo(expected.getValue());
        assertThat(direct.position()).as("the caller's buffer is left as it was").isZero();
    }

    /** Writes pieces of zeros until paused; counts what it wrote. */
    static final class Flood implements PushProducer {
        final ProcessTransport transport;
        final CompletableFuture<Long> firstPause = new CompletableFuture<>();
        final CompletableFuture<Void> stopped = new CompletableFuture<>();
        boolean paused;
        long written;
        int pauses;

        Flood(ProcessTransport transport) {
            this.transport = transport;
        }

        void pump() {
            for (int i = 0; i < 1000 && !paused && !stopped.isDone(); i++) {
                written += PIECE; // counted first: the write may pause this producer
                transport.write(new byte[PIECE]);
            }
        }

        @Override
        public void pauseProducing() {
            paused = true;
            pauses++;
            firstPause.complete(written);
        }

        @Override
        public void resumeProducing() {
            paused = false;
            pump();
        }

        @Override
        public void stopProducing() {
            stopped.complete(null);
        }
    }

    @Test
    void pushProducerIsPausedAboveTheHighWaterMarkAndStoppedWhenTheChildDies() throws Exception {
        Flood[] flood = new Flood[1];
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                flood[0] = new Flood(transport());
                transport().registerProducer(flood[0], true);
                flood[0].pump();
            }
        };
        ProcessTransport transport = spawn(protocol, "sleep", "sleep", "100"); // never reads its input

        long atFirstPause = flood[0].firstPause.get(T, TimeUnit.SECONDS);
        assertThat(atFirstPause).as("paused at the first write above the high-water mark")
                .isEqualTo((NioReactor.DEFAULT_HIGH_WATER_MARK / PIECE + 1) * (long) PIECE);
        running.run(() -> transport.signalProcess("KILL"));

        flood[0].stopped.get(T, TimeUnit.SECONDS);
        Failure reason = protocol.ended.get(T, TimeUnit.SECONDS);
        assertThat(reason.value()).isInstanceOf(ProcessTerminated.class);
        assertThat(protocol.events).contains("inLost");
        long written = running.call(() -> flood[0].written);
        assertThat(written).as("bounded by the water marks and the pipe, not the loop's limit of 1000 pieces")
                .isLessThan(64L * PIECE);
    }

    @Test
    void pullProducerIsAskedWheneverTheQueueIsEmptyAndCloseStdinWaitsForItToUnregister() throws Exception {
        int lines = 200;
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                ProcessTransport transport = transport();
                transport.registerProducer(new PullProducer() {
                    private int next = 1;

                    @Override
                    public void resumeProducing() {
                        transport.write(("line " + next + "\n").getBytes(US_ASCII));
                        if (++next > lines) {
                            transport.unregisterProducer();
                        }
                    }

                    @Override
                    public void stopProducing() {
                    }
                }, false);
                transport.closeStdin(); // must not cut the producer off
            }
        };
        spawn(protocol, "cat", "cat");

        assertThat(protocol.ended.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ProcessDone.class);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 1; i <= lines; i++) {
            expected.writeBytes(("line " + i + "\n").getBytes(US_ASCII));
        }
        assertThat(protocol.outText()).isEqualTo(expected.toString(US_ASCII));
    }

    @Test
    void writesAfterCloseStdinAreDropped() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write("kept\n".getBytes(US_ASCII));
                transport().closeStdin();
                transport().write("dropped\n".getBytes(US_ASCII));
                transport().closeChildFD(0);
            }
        };
        spawn(protocol, "cat", "cat");

        protocol.ended.get(T, TimeUnit.SECONDS);
        assertThat(protocol.outText()).isEqualTo("kept\n");
        assertThat(protocol.events).containsOnlyOnce("inLost");
    }

    @Test
    void protocolThrowingOnOutputHasThatPipeClosedWhileTheOtherGoesOn() throws Exception {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol() {
            @Override
            public void outReceived(ByteBuffer data) {
                super.outReceived(data);
                throw new IllegalStateException("a bug in the protocol (expected by the test)");
            }

            @Override
            public void outConnectionLost() {
                super.outConnectionLost();
                transport().write("go\n".getBytes(US_ASCII)); // the child writes more only now
                transport().closeStdin();
            }
        };
        spawn(protocol, "/bin/sh", "sh", "-c", "echo out; read line; echo err 1>&2; echo more");

        protocol.ended.get(T, TimeUnit.SECONDS);
        assertThat(protocol.outText()).isEqualTo("out\n");
        assertThat(protocol.errText()).isEqualTo("err\n");
        assertThat(protocol.events.subList(1, 3)).containsExactly("out", "outLost");
    }
}
