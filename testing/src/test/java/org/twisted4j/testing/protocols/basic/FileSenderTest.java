package org.twisted4j.testing.protocols.basic;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.protocols.basic.FileSender;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;

class FileSenderTest {

    private final StringTransport consumer = new StringTransport();
    private final List<Object> outcome = new ArrayList<>();

    private static InputStream content(String text) {
        return new ByteArrayInputStream(text.getBytes(US_ASCII));
    }

    private void watch(Deferred<byte[]> done) {
        done.addCallback(last -> {
            outcome.add(new String(last, US_ASCII));
            return null;
        });
        done.addErrback(failure -> {
            outcome.add(failure.value());
            return null;
        });
    }

    @Test
    void registersAsAPullProducer() {
        FileSender sender = new FileSender();
        sender.beginFileTransfer(content("Test content"), consumer);
        assertThat(consumer.producer()).isSameAs(sender);
        assertThat(consumer.isStreaming()).isFalse();
    }

    @Test
    void sendsOneChunkPerRequestThenFiresWithTheLastByte() {
        FileSender sender = new FileSender(4);
        watch(sender.beginFileTransfer(content("Test content"), consumer));
        sender.resumeProducing();
        assertThat(consumer.valueAsString()).isEqualTo("Test");
        sender.resumeProducing();
        sender.resumeProducing();
        assertThat(consumer.valueAsString()).isEqualTo("Test content");
        assertThat(outcome).isEmpty();
        sender.resumeProducing();
        assertThat(outcome).containsExactly("t");
        assertThat(consumer.producer()).isNull();
    }

    @Test
    void transformChangesEachChunk() {
        FileSender sender = new FileSender();
        watch(sender.beginFileTransfer(content("Test content"), consumer,
                chunk -> new String(chunk, US_ASCII).toUpperCase(Locale.ROOT).getBytes(US_ASCII)));
        sender.resumeProducing();
        sender.resumeProducing();
        assertThat(consumer.valueAsString()).isEqualTo("TEST CONTENT");
        assertThat(outcome).containsExactly("T");
    }

    @Test
    void anEmptyStreamFiresWithNoLastByte() {
        FileSender sender = new FileSender();
        watch(sender.beginFileTransfer(content(""), consumer));
        sender.resumeProducing();
        assertThat(outcome).containsExactly("");
    }

    @Test
    void stoppingBeforeTheEndFailsTheTransfer() {
        FileSender sender = new FileSender();
        watch(sender.beginFileTransfer(content("Test content"), consumer));
        sender.stopProducing();
        assertThat(outcome).singleElement().isInstanceOf(IOException.class);
        sender.resumeProducing();
        assertThat(consumer.value()).isEmpty();
    }

    @Test
    void aReadErrorFailsTheTransferAndUnregisters() {
        FileSender sender = new FileSender();
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("bad sector");
            }
        };
        watch(sender.beginFileTransfer(broken, consumer));
        sender.resumeProducing();
        assertThat(outcome).singleElement().isInstanceOf(IOException.class)
                .hasFieldOrPropertyWithValue("message", "bad sector");
        assertThat(consumer.producer()).isNull();
    }

    @Test
    void aSecondTransferWhileOneIsUnderWayIsRefused() {
        FileSender sender = new FileSender();
        sender.beginFileTransfer(content("a"), consumer);
        assertThatThrownBy(() -> sender.beginFileTransfer(content("b"), new StringTransport()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLoopbackTransportPullsTheWholeStream() {
        AccumulatingProtocol server = new AccumulatingProtocol();
        AccumulatingProtocol client = new AccumulatingProtocol();
        IOPump pump = IOPump.connectedLoopback(server, client);
        String text = "0123456789".repeat(1000);
        watch(new FileSender(1000).beginFileTransfer(content(text), server.transport()));
        pump.flush();
        assertThat(client.dataAsString()).isEqualTo(text);
        assertThat(outcome).containsExactly("9");
    }
}
