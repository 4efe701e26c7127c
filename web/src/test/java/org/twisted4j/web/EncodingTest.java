package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class EncodingTest {

    private static final String TEXT = "the quick brown fox jumps over the lazy dog; ".repeat(40);

    /** Renders TEXT for GET, with its own Content-Length, status and headers as the test asks. */
    static final class Page extends Resource {
        int code = 200;
        String contentEncoding;

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setResponseCode(code);
            request.setHeader("Content-Length", Integer.toString(TEXT.length()));
            if (contentEncoding != null) {
                request.setHeader("Content-Encoding", contentEncoding);
            }
            return TEXT.getBytes(ISO_8859_1);
        }
    }

    private final Page page = new Page();
    private final HTTPChannelTest.Later later = new HTTPChannelTest.Later();

    private Served serve(Resource resource) {
        return new Served(new EncodingResourceWrapper(resource, List.of(new GzipEncoderFactory())));
    }

    private static String get(Served served, String method, String acceptEncoding) {
        served.send(method + " / HTTP/1.1\r\nHost: h\r\n"
                + (acceptEncoding == null ? "" : "Accept-Encoding: " + acceptEncoding + "\r\n") + "\r\n");
        return served.take();
    }

    static String head(String response) {
        return response.substring(0, response.indexOf("\r\n\r\n") + 4);
    }

    static byte[] body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(ISO_8859_1);
    }

    static String gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Joins the data of a chunked body; fails on anything that is not well-formed chunking. */
    static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int end = indexOfCrlf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, end - at, ISO_8859_1), 16);
            out.write(chunked, end + 2, size);
            at = end + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no CRLF after " + from);
    }

    @Test
    void aRenderedBodyIsGzippedWithTheEncodedLengthWhenTheClientAcceptsGzip() {
        String response = get(serve(page), "GET", "deflate, gzip");
        byte[] body = body(response);
        assertThat(head(response)).contains("\r\nVary: Accept-Encoding\r\n", "\r\nContent-Encoding: gzip\r\n",
                "\r\nContent-Length: " + body.length + "\r\n").doesNotContain("Transfer-Encoding");
        assertThat(body.length).isLessThan(TEXT.length() / 4);
        assertThat(gunzip(body)).isEqualTo(TEXT);
    }

    @Test
    void withoutGzipInAcceptEncodingTheBodyGoesAsItIsButStillVaries() {
        for (String accept : new String[] {null, "identity", "gzip;q=0", "gzip; q=0.000, *", "*;q=0", "br", "gzipx"}) {
            String response = get(serve(page), "GET", accept);
            assertThat(head(response)).as(accept).doesNotContain("Content-Encoding")
                    .contains("\r\nVary: Accept-Encoding\r\n", "\r\nContent-Length: " + TEXT.length() + "\r\n");
            assertThat(new String(body(response), ISO_8859_1)).isEqualTo(TEXT);
        }
    }

    @Test
    void qValuesAboveZeroAndTheWildcardAcceptGzip() {
        for (String accept : new String[] {"gzip", "GZIP;Q=0.5", "br;q=1, gzip;q=0.1", "*", "x-gzip", "identity, *;q=0.2"}) {
            String response = get(serve(page), "GET", accept);
            assertThat(head(response)).as(accept).contains("\r\nContent-Encoding: gzip\r\n");
            assertThat(gunzip(body(response))).isEqualTo(TEXT);
        }
    }

    @Test
    void anElementWithoutACodingIsIgnoredNotAnError() {
        for (String accept : new String[] {";", "br, ;q=1", "gzip, ;"}) {
            String response = get(serve(page), "GET", accept);
            assertThat(head(response)).as(accept).startsWith("HTTP/1.1 200 ");
            assertThat(head(response).contains("Content-Encoding: gzip")).as(accept).isEqualTo(accept.startsWith("gzip"));
        }
    }

    @Test
    void qValuesThatAreNotRfcQValuesCountAsZero() {
        for (String accept : new String[] {"gzip;q=.5", "gzip;q=1e0", "gzip;q=0.5f", "gzip;q=", "gzip;q= 1",
            "gzip;q=0.0001", "gzip;q=1.5", "gzip;q=NaN", "gzip;q=0x1p-1"}) {
            Headers headers = new Headers();
            headers.add("Accept-Encoding", accept);
            assertThat(GzipEncoderFactory.acceptsGzip(headers)).as(accept).isFalse();
        }
        for (String accept : new String[] {"gzip;q=0.", "gzip;q=0.001", "gzip;q=1.000", "gzip;Q=1."}) {
            Headers headers = new Headers();
            headers.add("Accept-Encoding", accept);
            assertThat(GzipEncoderFactory.acceptsGzip(headers)).as(accept).isEqualTo(!accept.endsWith("0."));
        }
    }

    @Test
    void piecesWrittenBeforeFinishAreCompressedAndFlushedAsTheyGo() {
        Served served = serve(later);
        served.send("GET / HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\n\r\n");
        Request request = later.held.get(0);
        request.setHeader("Content-Length", "999");
        request.write("first piece|".getBytes(ISO_8859_1));
        String first = served.take();
        assertThat(head(first)).contains("\r\nContent-Encoding: gzip\r\n", "\r\nTransfer-Encoding: chunked\r\n")
                .doesNotContain("Content-Length");
        byte[] sofar = dechunk(body(first));
        assertThat(partialGunzip(sofar, "first piece|".length())).isEqualTo("first piece|");

        request.write("second piece".getBytes(ISO_8859_1));
        request.finish();
        String rest = served.take();
        assertThat(rest).endsWith("\r\n0\r\n\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(sofar);
        all.writeBytes(dechunk(rest.getBytes(ISO_8859_1)));
        assertThat(gunzip(all.toByteArray())).isEqualTo("first piece|second piece");
        assertThat(request.bytesSent()).isEqualTo(all.size());
    }

    /** Decodes the first {@code n} bytes of a gzip stream that has not ended yet. */
    static String partialGunzip(byte[] gzipped, int n) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readNBytes(n), ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStreamedResponseToHttp10IsGzippedAndEndsWithTheConnection() {
        Served served = serve(later);
        served.send("GET / HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n");
        Request request = later.held.get(0);
        request.write("one ".getBytes(ISO_8859_1));
        request.write("two".getBytes(ISO_8859_1));
        request.finish();
        String response = served.take();
        assertThat(head(response)).contains("\r\nContent-Encoding: gzip\r\n", "\r\nConnection: close\r\n")
                .doesNotContain("Transfer-Encoding");
        assertThat(gunzip(body(response))).isEqualTo("one two");
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void finishingWithoutABodySendsAnEmptyGzipStream() {
        Served served = serve(later);
        served.send("GET / HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\n\r\n");
        later.held.get(0).finish();
        String response = served.take();
        byte[] body = body(response);
        assertThat(head(response)).contains("\r\nContent-Encoding: gzip\r\n", "\r\nContent-Length: " + body.length);
        assertThat(body).isNotEmpty();
        assertThat(gunzip(body)).isEmpty();
    }

    @Test
    void headAndBodilessStatusesAndEncodedResponsesAreLeftAlone() {
        String head = get(serve(page), "HEAD", "gzip");
        assertThat(head).doesNotContain("Content-Encoding").contains("\r\nContent-Length: " + TEXT.length() + "\r\n")
                .endsWith("\r\n\r\n");
        for (int code : new int[] {204, 304, 206}) {
            page.code = code;
            String response = get(serve(page), "GET", "gzip");
            assertThat(response).as("%s", code).doesNotContain("Content-Encoding");
        }
        page.code = 200;
        page.contentEncoding = "br";
        String encoded = get(serve(page), "GET", "gzip");
        assertThat(head(encoded)).contains("\r\nContent-Encoding: br\r\n").doesNotContain("gzip");
        assertThat(new String(body(encoded), ISO_8859_1)).isEqualTo(TEXT);
    }

    @Test
    void theCompressionLevelIsUsed() {
        Served stored = new Served(new EncodingResourceWrapper(page, List.of(new GzipEncoderFactory(0))));
        byte[] level0 = body(get(stored, "GET", "gzip"));
        byte[] level9 = body(get(serve(page), "GET", "gzip"));
        assertThat(level0.length).isGreaterThan(TEXT.length());
        assertThat(level9.length).isLessThan(TEXT.length() / 4);
        assertThat(gunzip(level0)).isEqualTo(TEXT);
        assertThat(new GzipEncoderFactory(3).getCompressionLevel()).isEqualTo(3);
        assertThatThrownBy(() -> new GzipEncoderFactory(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GzipEncoderFactory(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstFactoryWithAnEncoderWinsAndAnExistingVaryIsKept() {
        EncoderFactory never = request -> null;
        EncoderFactory upper = request -> new Encoder() {
            @Override
            public String contentCoding() {
                return "upper";
            }

            @Override
            public byte[] encode(java.nio.ByteBuffer data) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                return new String(bytes, ISO_8859_1).toUpperCase(java.util.Locale.ROOT).getBytes(ISO_8859_1);
            }

            @Override
            public byte[] finish() {
                return "!".getBytes(ISO_8859_1);
            }
        };
        Served served = new Served(
                new EncodingResourceWrapper(Served.text("abc"), List.of(never, upper, new GzipEncoderFactory())));
        String response = get(served, "GET", "gzip");
        assertThat(head(response)).contains("\r\nContent-Encoding: upper\r\n", "\r\nContent-Length: 4\r\n");
        assertThat(new String(body(response), ISO_8859_1)).isEqualTo("ABC!");
    }

    @Test
    void traversalGoesThroughToTheWrappedResource() {
        Resource inner = new Resource();
        inner.putChild("a", Served.text("A"));
        EncodingResourceWrapper wrapper = new EncodingResourceWrapper(inner, List.of(new GzipEncoderFactory()));
        wrapper.putChild("b", Served.text("B"));
        assertThat(inner.childNames()).containsExactlyInAnyOrder("a", "b");
        assertThat(wrapper.getWrappedResource()).isSameAs(inner);
        Resource root = new Resource();
        root.putChild("w", wrapper);
        Served served = new Served(root);
        served.send("GET /w/b HTTP/1.1\r\nHost: h\r\nAccept-Encoding: gzip\r\n\r\n");
        String response = served.take();
        assertThat(response).doesNotContain("Content-Encoding").endsWith("\r\n\r\nB");
    }

    @Test
    void anUnsupportedMethodOfTheWrappedResourceIsA405() {
        String response = get(serve(page), "POST", null);
        assertThat(response).startsWith("HTTP/1.1 405 ").contains("\r\nAllow: GET, HEAD\r\n");
    }
}
