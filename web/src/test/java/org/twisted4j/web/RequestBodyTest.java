package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static void append(RequestBody body, String text) {
        body.append(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
    }

    @Test
    void aSmallBodyStaysInMemory() throws Exception {
        RequestBody body = new RequestBody(10, -1);
        append(body, "hello");
        append(body, "world");
        assertThat(body.spoolPath()).isNull();
        assertThat(new String(body.bytes(), ISO_8859_1)).isEqualTo("helloworld");
        try (InputStream in = body.open()) {
            assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("helloworld");
        }
    }

    @Test
    void aBodyGrowingPastTheThresholdMovesToAFileThatDiscardDeletes() throws Exception {
        RequestBody body = new RequestBody(10, -1);
        append(body, "hello");
        append(body, "world!");
        Path file = body.spoolPath();
        assertThat(file).isNotNull().exists().hasSize(11);
        assertThat(body.length()).isEqualTo(11);
        try (InputStream first = body.open(); InputStream second = body.open()) {
            assertThat(new String(first.readAllBytes(), ISO_8859_1)).isEqualTo("helloworld!");
            assertThat(new String(second.readAllBytes(), ISO_8859_1)).isEqualTo("helloworld!");
        }
        body.discard();
        assertThat(file).doesNotExist();
        assertThat(body.bytes()).isEmpty();
    }

    @Test
    void aZeroThresholdSpoolsEveryByte() {
        RequestBody body = new RequestBody(0, 1);
        append(body, "x");
        assertThat(body.spoolPath()).isNotNull();
        assertThat(new String(body.bytes(), ISO_8859_1)).isEqualTo("x");
        body.discard();
    }
}
