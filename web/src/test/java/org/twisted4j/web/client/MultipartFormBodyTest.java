package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;

class MultipartFormBodyTest {

    private static byte[] produce(BodyProducer body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deferred<@Nullable Void> done = body.startProducing(buffer -> {
            byte[] piece = new byte[buffer.remaining()];
            buffer.get(piece);
            out.writeBytes(piece);
        });
        assertThat(Outcomes.fired(done)).isTrue();
        return out.toByteArray();
    }

    @Test
    void fieldsAndFilesAreWrittenExactlyWithTheirLengthKnown() {
        MultipartFormBody body = MultipartFormBody.builder().boundary("XyZ")
                .field("title", "Caf\u00e9")
                .file("upload", "a \"b\".txt", "text/plain", "line1\r\nline2".getBytes(UTF_8))
                .build();
        String expected = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n"
                + "\r\n"
                + "Caf\u00e9\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"a %22b%22.txt\"\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "line1\r\nline2\r\n"
                + "--XyZ--\r\n";

        byte[] produced = produce(body);
        assertThat(new String(produced, UTF_8)).isEqualTo(expected);
        assertThat(body.length()).isEqualTo(expected.getBytes(UTF_8).length).isEqualTo(produced.length);
        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=XyZ");
    }

    @Test
    void emptyFormIsJustTheCloseDelimiter() {
        MultipartFormBody body = MultipartFormBody.builder().boundary("b").build();

        assertThat(new String(produce(body), UTF_8)).isEqualTo("--b--\r\n");
        assertThat(body.length()).isEqualTo(7);
    }

    @Test
    void namesWithLineBreaksAreEscaped() {
        String text = new String(produce(MultipartFormBody.builder().boundary("b").field("a\r\nb", "v").build()), UTF_8);

        assertThat(text).contains("name=\"a%0D%0Ab\"").doesNotContain("a\r\nb");
    }

    @Test
    void randomBoundariesDifferAndAreValid() {
        String one = MultipartFormBody.builder().build().boundary();
        String two = MultipartFormBody.builder().build().boundary();

        assertThat(one).hasSize(32).matches("[0-9a-f]+").isNotEqualTo(two);
        assertThatThrownBy(() -> MultipartFormBody.builder().boundary("bad\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartFormBody.builder().boundary("x".repeat(71))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inMemoryBodyReplaysTheSameBytes() {
        MultipartFormBody body = MultipartFormBody.builder().field("a", "1").build();
        byte[] first = produce(body);
        BodyProducer again = body.replay();

        assertThat(again).isNotNull().isNotSameAs(body);
        assertThat(produce(again)).isEqualTo(first);
        assertThatThrownBy(() -> body.startProducing(b -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void producerPartIsStartedInTurnPausedWithTheBodyAndMakesTheLengthUnknown() {
        SteppedProducer file = new SteppedProducer(BodyProducer.UNKNOWN_LENGTH);
        MultipartFormBody body = MultipartFormBody.builder().boundary("b")
                .file("f", "x.bin", "application/octet-stream", file).field("after", "1").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deferred<@Nullable Void> done = body.startProducing(buffer -> {
            byte[] piece = new byte[buffer.remaining()];
            buffer.get(piece);
            out.writeBytes(piece);
        });

        assertThat(body.length()).isEqualTo(BodyProducer.UNKNOWN_LENGTH);
        assertThat(body.replay()).isNull();
        assertThat(file.consumer).isNotNull();
        assertThat(out.toString(UTF_8)).endsWith("Content-Type: application/octet-stream\r\n\r\n");
        body.pauseProducing();
        assertThat(file.paused).isTrue();
        body.resumeProducing();
        assertThat(file.paused).isFalse();
        file.consumer.accept(ByteBuffer.wrap("DATA".getBytes(UTF_8)));
        assertThat(Outcomes.fired(done)).isFalse();

        file.done.callback(null);

        assertThat(Outcomes.fired(done)).isTrue();
        assertThat(out.toString(UTF_8)).endsWith("\r\n\r\nDATA\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"after\"\r\n\r\n1\r\n--b--\r\n");
    }

    @Test
    void knownLengthProducerPartKeepsTheLengthExact() {
        SteppedProducer file = new SteppedProducer(4);
        MultipartFormBody withProducer = MultipartFormBody.builder().boundary("b").file("f", "x", "a/b", file).build();
        MultipartFormBody inMemory = MultipartFormBody.builder().boundary("b").file("f", "x", "a/b", new byte[4]).build();

        assertThat(withProducer.length()).isEqualTo(inMemory.length());
    }

    @Test
    void bytesBodyProducerWritesItsBytesAndReplays() {
        BytesBodyProducer body = BytesBodyProducer.of("abc".getBytes(UTF_8));

        assertThat(body.length()).isEqualTo(3);
        assertThat(produce(body)).asString(UTF_8).isEqualTo("abc");
        assertThat(produce(body.replay())).asString(UTF_8).isEqualTo("abc");
    }

    /** A producer the test drives. */
    private static final class SteppedProducer implements BodyProducer {
        private final long length;
        final Deferred<@Nullable Void> done = new Deferred<>();
        Consumer<ByteBuffer> consumer;
        boolean paused;

        SteppedProducer(long length) {
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
            this.consumer = consumer;
            return done;
        }

        @Override
        public void pauseProducing() {
            paused = true;
        }

        @Override
        public void resumeProducing() {
            paused = false;
        }

        @Override
        public void stopProducing() {
        }
    }
}
