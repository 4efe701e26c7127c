package org.twisted4j.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

/** {@link StandardIO} over two operating-system pipes standing in for the process's standard streams. */
class StandardIOTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;
    private static final int PIECE = 16 * 1024;

    private RunningReactor<ReactorBackend> running;
    /** What the test writes: the transport's input. */
    private OutputStream input;
    /** What the test reads: the transport's output. */
    private InputStream output;
    private InputStream transportIn;
    private OutputStream transportOut;

    @BeforeEach
    void setUp() throws IOException {
        running = RunningReactor.backend();
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        input = Channels.newOutputStream(in.sink());
        transportIn = Channels.newInputStream(in.source());
        transportOut = Channels.newOutputStream(out.sink());
        output = Channels.newInputStream(out.source());
    }

    @AfterEach
    void tearDown() throws Exception {
        input.close();
        output.close();
        running.close();
    }

    /** Echoes what it receives; records how the connection ended. */
    static class Echo extends Protocol {
        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    private Transport connect(Protocol protocol) throws Exception {
        return running.call(() -> StandardIO.connect(running.reactor, protocol, transportIn, transportOut));
    }

    @Test
    void endOfInputSendsWhatWasWrittenThenClosesWithConnectionDone() throws Exception {
        Echo echo = new Echo();
        Transport transport = connect(echo);
        input.write("hello, ".getBytes(US_ASCII));
        input.write("standard I/O\n".getBytes(US_ASCII));
        input.close();

        assertThat(new String(output.readAllBytes(), US_ASCII)).isEqualTo("hello, standard I/O\n");
        assertThat(echo.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        Address peer = running.call(transport::getPeer);
        boolean disconnecting = running.call(transport::isDisconnecting);
        assertThat(peer).isEqualTo(StandardIO.ADDRESS);
        assertThat(disconnecting).isTrue();
    }

    @Test
    void halfCloseableProtocolAnswersAfterEndOfInput() throws Exception {
        final class Count extends Echo implements HalfCloseableProtocol {
            int received;

            @Override
            public void dataReceived(ByteBuffer data) {
                received += data.remaining();
            }

            @Override
            public void readConnectionLost() {
                transport().write(("received " + received + " bytes\n").getBytes(US_ASCII));
                transport().loseConnection();
            }

            @Override
            public void writeConnectionLost() {
            }
        }
        Count count = new Count();
        connect(count);
        input.write(new byte[300_000]);
        input.close();

        assertThat(new String(output.readAllBytes(), US_ASCII)).isEqualTo("received 300000 bytes\n");
        assertThat(count.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
    }

    /** Writes pieces until paused, up to a total, then unregisters and closes. */
    static final class Flood extends Echo implements PushProducer {
        final CompletableFuture<Long> firstPause = new CompletableFuture<>();
        final long total;
        boolean paused;
        long written;
        int pauses;

        Flood(long total) {
            this.total = total;
        }

        @Override
        public void connectionMade() {
            transport().registerProducer(this, true);
            resumeProducing();
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
            while (!paused && written < total) {
                written += PIECE; // counted first: the write may pause this producer
                transport().write(new byte[PIECE]);
            }
            if (written >= total && !transport().isDisconnecting()) {
                transport().unregisterProducer();
                transport().loseConnection();
            }
        }

        @Override
        public void stopProducing() {
        }
    }

    @Test
    void producerIsPausedWhileNobodyReadsTheOutputAndResumedWhenItIsRead() throws Exception {
        long total = 8L << 20;
        Flood flood = new Flood(total);
        connect(flood);

        long atFirstPause = flood.firstPause.get(T, TimeUnit.SECONDS);
        assertThat(atFirstPause).as("paused at the first write above the high water mark")
                .isEqualTo((NioReactor.DEFAULT_HIGH_WATER_MARK / PIECE + 1) * (long) PIECE);
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
            read += n;
        }
        assertThat(read).isEqualTo(total);
        assertThat(flood.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDone.class);
        int pauses = running.call(() -> flood.pauses);
        assertThat(pauses).as("paused again and again on the way").isGreaterThan(1);
    }

    @Test
    void abortDropsWhatIsQueuedAndEndsWithConnectionAborted() throws Exception {
        Echo echo = new Echo();
        Transport transport = connect(echo);
        running.run(() -> {
            transport.write(ByteBuffer.wrap(new byte[1 << 20]));
            transport.write(ByteBuffer.wrap(new byte[1 << 20]));
            transport.abortConnection();
        });

        // Reported at once, though the writing thread may be stuck in the first chunk until this test reads it.
        assertThat(echo.lost.get(T, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionAborted.class);
        assertThat(output.readAllBytes().length).as("at most the chunk being written when it aborted")
                .isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void outputClosedByItsReaderEndsWithConnectionLost() throws Exception {
        Echo echo = new Echo();
        Transport transport = connect(echo);
        output.close();
        running.run(() -> transport.write(ByteBuffer.wrap("nobody reads this\n".getBytes(US_ASCII))));

        Failure reason = echo.lost.get(T, TimeUnit.SECONDS);
        assertThat(reason.value()).isInstanceOf(ConnectionLost.class).isNotInstanceOf(ConnectionAborted.class);
    }
}
