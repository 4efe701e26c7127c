package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;

/** An upload's data connection on a StringTransport: what arrives is written whole, in order, one write at a time. */
class DataConnectionTest {

    /** A store whose writes finish only when the test says so. */
    static final class SlowFile implements WriteFile {
        final StringBuilder written = new StringBuilder();
        final List<Deferred<@Nullable Void>> inFlight = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        int mostInFlight;

        @Override
        public Deferred<@Nullable Void> write(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            pending.add(new String(bytes, UTF_8));
            Deferred<@Nullable Void> done = new Deferred<>();
            inFlight.add(done);
            mostInFlight = Math.max(mostInFlight, (int) inFlight.stream().filter(d -> !d.isCalled()).count());
            return done;
        }

        /** Finishes the oldest write. */
        void finishOne() {
            written.append(pending.remove(0));
            inFlight.remove(0).callback(null);
        }

        @Override
        public Deferred<@Nullable Void> close() {
            return Deferred.succeed(null);
        }

        @Override
        public void abort() {
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(UTF_8));
    }

    @Test
    void earlyBytesAndBytesArrivingDuringASlowWriteAreWrittenInOrderOneAtATime() {
        DataConnection data = new DataConnection(null, null);
        StringTransport transport = new StringTransport();
        data.makeConnection(transport);
        assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED); // nothing read until STOR
        data.dataReceived(bytes("early-1 "));
        data.dataReceived(bytes("early-2 "));
        SlowFile file = new SlowFile();
        data.receiveInto(file, false, () -> { });
        data.dataReceived(bytes("later-1 ")); // a read under way while the first write is
        data.dataReceived(bytes("later-2"));
        assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
        Deferred<@Nullable Void> written = data.written();
        while (!file.inFlight.isEmpty()) {
            assertThat(written.isCalled()).isFalse();
            file.finishOne();
        }
        assertThat(file.mostInFlight).isEqualTo(1);
        assertThat(file.written.toString()).isEqualTo("early-1 early-2 later-1 later-2");
        assertThat(written.isCalled()).isTrue();
        assertThat(data.received()).isEqualTo(31);
        assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void anUploadWhoseConnectionClosedBeforeStorStillWritesEverythingFirst() {
        DataConnection data = new DataConnection(null, null);
        StringTransport transport = new StringTransport();
        data.makeConnection(transport);
        data.dataReceived(bytes("all of a small file"));
        data.connectionLost(new Failure(new ConnectionDone()));
        SlowFile file = new SlowFile();
        data.receiveInto(file, false, () -> { });
        Deferred<@Nullable Void> written = data.written();
        assertThat(written.isCalled()).isFalse();
        file.finishOne();
        assertThat(written.isCalled()).isTrue();
        assertThat(file.written.toString()).isEqualTo("all of a small file");
    }

    @Test
    void aFailedWriteAbortsTheConnectionAndIsReported() {
        DataConnection data = new DataConnection(null, null);
        StringTransport transport = new StringTransport();
        data.makeConnection(transport);
        SlowFile file = new SlowFile();
        data.receiveInto(file, false, () -> { });
        data.dataReceived(bytes("first"));
        data.dataReceived(bytes("second"));
        file.inFlight.get(0).errback(new FtpError(452, "Insufficient storage space."));
        assertThat(transport.isAborted()).isTrue();
        assertThat(data.writeFailure()).isNotNull();
        assertThat(file.inFlight).hasSize(1); // "second" was never written
    }
}
