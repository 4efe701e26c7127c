package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.task.Clock;

class BodyProducersTest {

    final Clock clock = new Clock();
    final List<Integer> pieces = new ArrayList<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final Consumer<ByteBuffer> sink = piece -> {
        pieces.add(piece.remaining());
        byte[] bytes = new byte[piece.remaining()];
        piece.get(bytes);
        written.writeBytes(bytes);
    };

    static byte[] data(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 9));
        }
        return bytes;
    }

    @Test
    void aFileIsReadOnePieceOfSixtyFourKibPerTurnWithItsSizeAsLength(@TempDir Path dir) throws IOException {
        byte[] content = data(150_000);
        Path file = Files.write(dir.resolve("f"), content);
        FileBodyProducer producer = new FileBodyProducer(clock, file);
        assertThat(producer.length()).isEqualTo(150_000);
        Outcome<?> done = Outcome.of(producer.startProducing(sink));
        assertThat(pieces).isEmpty();
        assertThat(clock.getDelayedCalls()).hasSize(1); // the next read waits for the reactor's next turn
        clock.advance(0);
        assertThat(pieces).containsExactly(65536, 65536, 150_000 - 131072);
        done.value();
        assertThat(written.toByteArray()).isEqualTo(content);
    }

    @Test
    void pausingStopsReadingUntilResumedAndStoppingClosesTheStream() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(data(300_000)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        FileBodyProducer producer = new FileBodyProducer(clock, in);
        assertThat(producer.length()).isEqualTo(BodyProducer.UNKNOWN_LENGTH);
        Outcome<?> done = Outcome.of(producer.startProducing(piece -> {
            sink.accept(piece);
            producer.pauseProducing(); // as a full transport would
        }));
        clock.advance(0);
        clock.advance(0);
        assertThat(pieces).hasSize(1);
        assertThat(clock.getDelayedCalls()).isEmpty();
        producer.resumeProducing();
        clock.advance(0);
        assertThat(pieces).hasSize(2);
        producer.stopProducing();
        assertThat(closed[0]).isTrue();
        assertThat(done.fired()).isFalse();
        assertThat(producer.replay()).isNull();
        assertThatThrownBy(() -> producer.startProducing(sink)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileProducerReplaysTheFileFromTheBeginning(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        FileBodyProducer producer = new FileBodyProducer(clock, file);
        producer.startProducing(sink);
        clock.advance(0);
        BodyProducer replayed = producer.replay();
        assertThat(replayed).isNotNull().isNotSameAs(producer);
        Outcome<?> again = Outcome.of(replayed.startProducing(sink));
        clock.advance(0);
        again.value();
        assertThat(written.toString(ISO_8859_1)).isEqualTo("hellohello");
    }

    @Test
    void bytesAreWrittenAtOnceAndKeptFromLaterChanges() {
        byte[] body = "abc".getBytes(ISO_8859_1);
        BytesBodyProducer producer = BytesBodyProducer.of(body);
        body[0] = 'X';
        Outcome<?> done = Outcome.of(producer.startProducing(sink));
        done.value();
        assertThat(written.toString(ISO_8859_1)).isEqualTo("abc");
        assertThat(producer.length()).isEqualTo(3);
    }
}
