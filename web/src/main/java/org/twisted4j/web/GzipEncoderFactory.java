package org.twisted4j.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Gzips responses for clients whose Accept-Encoding takes gzip; for an {@link EncodingResourceWrapper}.
 * This is twisted.web's {@code server.GzipEncoderFactory}.
 *
 * <pre>{@code
 * root.putChild("feed", new EncodingResourceWrapper(feed, List.of(new GzipEncoderFactory(6))));
 * }</pre>
 *
 * <p>The client takes gzip if Accept-Encoding names {@code gzip} (or {@code x-gzip}) with a q-value above 0,
 * or names neither but has {@code *} above 0: so {@code gzip;q=0} and {@code *;q=0} refuse it, and a
 * request without the header gets the body as it is. A q-value that is not one by RFC 9110 (such as
 * {@code q=.5}, {@code q=1e0} or an empty {@code q=}) counts as 0. Each piece written is compressed and flushed (a sync
 * flush), so what has been written so far can be decoded before the response ends.
 *
 * <p>Threading: the factory may be shared by any threads; its encoders are reactor thread only.
 */
public final class GzipEncoderFactory implements EncoderFactory {

    /** Default compression level: 9, the smallest output. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 9;

    private final int level;

    /** Makes a factory compressing at {@link #DEFAULT_COMPRESSION_LEVEL}. */
    public GzipEncoderFactory() {
        this(DEFAULT_COMPRESSION_LEVEL);
    }

    /**
     * Makes a factory compressing at a level.
     *
     * @param compressionLevel 0 (stored, no compression) to 9 (smallest output, slowest)
     * @throws IllegalArgumentException if out of that range
     */
    public GzipEncoderFactory(int compressionLevel) {
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compression level out of 0..9: " + compressionLevel);
        }
        this.level = compressionLevel;
    }

    /** Returns the compression level, 0 to 9. */
    public int getCompressionLevel() {
        return level;
    }

    @Override
    public @Nullable Encoder encoderForRequest(Request request) {
        return acceptsGzip(request.getRequestHeaders()) ? new GzipEncoder(level) : null;
    }

    /** Reads the Accept-Encoding fields: an explicit gzip (or x-gzip) entry decides, else {@code *}. */
    static boolean acceptsGzip(Headers requestHeaders) {
        double gzip = -1;
        double any = -1;
        for (String field : requestHeaders.getAll("Accept-Encoding")) {
            for (String element : field.split(",")) {
                String[] parts = element.split(";", -1);
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                double q = quality(parts);
                switch (coding) {
                    case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                    case "*" -> any = Math.max(any, q);
                    default -> { }
                }
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    /** Returns the q parameter of an element, 1 if it has none, 0 if it is malformed. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() >= 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                return qvalue(parameter, 2);
            }
        }
        return 1;
    }

    /**
     * Reads a qvalue (RFC 9110 section 12.4.2), {@code ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )},
     * from {@code from} to the end of {@code text}; 0 if it is not one.
     */
    private static double qvalue(String text, int from) {
        int n = text.length() - from;
        if (n < 1 || n > 5 || (text.charAt(from) != '0' && text.charAt(from) != '1')
                || (n > 1 && text.charAt(from + 1) != '.')) {
            return 0;
        }
        boolean one = text.charAt(from) == '1';
        double q = one ? 1 : 0;
        double scale = 0.1;
        for (int i = from + 2; i < text.length(); i++, scale /= 10) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (one && c != '0')) {
                return 0;
            }
            q += (c - '0') * scale;
        }
        return q;
    }

    /** Gzips one body, flushing after each piece. */
    static final class GzipEncoder implements Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        private final GZIPOutputStream gzip;
        private final byte[] copy = new byte[8192];

        GzipEncoder(int level) {
            try {
                gzip = new LeveledGzip(out, level);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
            }
        }

        @Override
        public String contentCoding() {
            return "gzip";
        }

        @Override
        public byte[] encode(ByteBuffer data) {
            try {
                if (data.hasArray()) {
                    gzip.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
                    data.position(data.limit());
                } else {
                    while (data.hasRemaining()) {
                        int n = Math.min(copy.length, data.remaining());
                        data.get(copy, 0, n);
                        gzip.write(copy, 0, n);
                    }
                }
                gzip.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return take();
        }

        @Override
        public byte[] finish() {
            try {
                gzip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return take();
        }

        private byte[] take() {
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }
    }

    /** A gzip stream at a compression level, sync-flushing on {@code flush()}. */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 1024, true);
            def.setLevel(level);
        }
    }
}
