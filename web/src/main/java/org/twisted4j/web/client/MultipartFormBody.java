package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A {@code multipart/form-data} request body (RFC 7578): text fields and files, as an HTML form with
 * {@code enctype="multipart/form-data"} sends them.
 *
 * <pre>{@code
 * MultipartFormBody body = MultipartFormBody.builder()
 *         .field("title", "Holiday")
 *         .file("photo", "beach.jpg", "image/jpeg", jpegBytes)
 *         .build();
 * Headers headers = new Headers();
 * headers.set("Content-Type", body.contentType());
 * agent.request("POST", uri, headers, body);
 * }</pre>
 *
 * <p>The boundary is 32 random hex digits unless one is given. The {@link #length()} is exact when every part's
 * length is known (always for in-memory parts; for a producer part, when its own length is). Field values are
 * UTF-8; names and file names are quoted, with {@code "}, CR and LF escaped as {@code %22}, {@code %0D} and
 * {@code %0A}, as browsers do. A body of in-memory parts only is replayable (see
 * {@link ReplayableBodyProducer}); one with a producer part is not.
 *
 * <p>Threading: build on any thread; produce on the reactor thread only.
 */
public final class MultipartFormBody implements ReplayableBodyProducer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<Object> segments;
    private final long length;
    private int next;
    private @Nullable BodyProducer current;
    private boolean paused;
    private boolean stopped;
    private @Nullable Consumer<ByteBuffer> consumer;
    private final Deferred<@Nullable Void> done = new Deferred<>();

    private MultipartFormBody(String boundary, List<Object> segments) {
        this.boundary = boundary;
        this.segments = segments;
        long total = 0;
        for (Object segment : segments) {
            long size = segment instanceof byte[] bytes ? bytes.length : ((BodyProducer) segment).length();
            if (size == UNKNOWN_LENGTH) {
                total = UNKNOWN_LENGTH;
                break;
            }
            total += size;
        }
        this.length = total;
    }

    /** Returns a builder with a random boundary and no parts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the boundary between the parts. */
    public String boundary() {
        return boundary;
    }

    /** Returns the {@code Content-Type} to send: {@code multipart/form-data; boundary=...}. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Returns the exact length, or {@link #UNKNOWN_LENGTH} if a producer part's length is unknown. */
    @Override
    public long length() {
        return length;
    }

    /**
     * Writes the parts in order, starting each producer part once the bytes before it are written.
     *
     * @throws IllegalStateException if this body has already been started
     */
    @Override
    public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
        if (this.consumer != null) {
            throw new IllegalStateException("already started; use replay() for another request");
        }
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        proceed();
        return done;
    }

    private void proceed() {
        Consumer<ByteBuffer> out = Objects.requireNonNull(consumer);
        while (!paused && !stopped && current == null && next < segments.size()) {
            Object segment = segments.get(next++);
            if (segment instanceof byte[] bytes) {
                out.accept(ByteBuffer.wrap(bytes));
            } else {
                BodyProducer part = (BodyProducer) segment;
                current = part;
                part.startProducing(out).addCallbacks(ignored -> {
                    current = null;
                    proceed();
                    return null;
                }, failure -> {
                    current = null;
                    stopped = true;
                    done.errback(failure);
                    return null;
                });
            }
        }
        if (!stopped && current == null && next == segments.size() && !done.isCalled()) {
            done.callback(null);
        }
    }

    /** Stops writing until {@link #resumeProducing()}, pausing the producer part being written, if any. */
    @Override
    public void pauseProducing() {
        paused = true;
        BodyProducer part = current;
        if (part != null) {
            part.pauseProducing();
        }
    }

    /** Goes on writing. */
    @Override
    public void resumeProducing() {
        paused = false;
        BodyProducer part = current;
        if (part != null) {
            part.resumeProducing();
        } else if (consumer != null) {
            proceed();
        }
    }

    /** Writes nothing more; the producer part being written, if any, is stopped too. */
    @Override
    public void stopProducing() {
        stopped = true;
        BodyProducer part = current;
        if (part != null) {
            part.stopProducing();
        }
    }

    /** Returns a fresh body with the same boundary and parts, or null if a part is a producer. */
    @Override
    public @Nullable BodyProducer replay() {
        for (Object segment : segments) {
            if (!(segment instanceof byte[])) {
                return null;
            }
        }
        return new MultipartFormBody(boundary, segments);
    }

    /**
     * Collects the parts of a {@link MultipartFormBody}.
     *
     * <p>Threading: one thread at a time.
     */
    public static final class Builder {
        private String boundary = HexFormat.of().formatHex(randomBytes());
        private final List<Object> segments = new ArrayList<>();

        private Builder() {
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            return bytes;
        }

        /**
         * Sets the boundary instead of a random one.
         *
         * @param boundary 1 to 70 characters of those RFC 2046 allows, not ending in a space
         * @return this builder
         * @throws IllegalArgumentException if the boundary is not valid
         */
        public Builder boundary(String boundary) {
            if (!boundary.matches("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]")) {
                throw new IllegalArgumentException("not a valid multipart boundary: " + boundary);
            }
            this.boundary = boundary;
            return this;
        }

        /**
         * Adds a text field.
         *
         * @param name the field name
         * @param value the value, sent as UTF-8
         * @return this builder
         */
        public Builder field(String name, String value) {
            segments.add(head(name, null, null));
            segments.add(value.getBytes(UTF_8));
            return this;
        }

        /**
         * Adds a file held in memory.
         *
         * @param name the field name
         * @param filename the file name given to the server
         * @param contentType the file's media type, such as {@code application/octet-stream}
         * @param content the file's bytes, not copied
         * @return this builder
         */
        public Builder file(String name, String filename, String contentType, byte[] content) {
            segments.add(head(name, filename, contentType));
            segments.add(Objects.requireNonNull(content, "content"));
            return this;
        }

        /**
         * Adds a file whose bytes come from a producer (a file on disk, say); it is started when its turn
         * comes. The body's length is unknown if the producer's is.
         *
         * @param name the field name
         * @param filename the file name given to the server
         * @param contentType the file's media type
         * @param content the producer of the file's bytes
         * @return this builder
         */
        public Builder file(String name, String filename, String contentType, BodyProducer content) {
            segments.add(head(name, filename, contentType));
            segments.add(Objects.requireNonNull(content, "content"));
            return this;
        }

        /** Returns the body; the builder may go on being used for another. */
        public MultipartFormBody build() {
            List<Object> all = new ArrayList<>(segments.size() + 1);
            String delimiter = "--" + boundary;
            for (int i = 0; i < segments.size(); i++) {
                if (segments.get(i) instanceof Head head) {
                    all.add(((i == 0 ? "" : "\r\n") + delimiter + "\r\n" + head.text).getBytes(UTF_8));
                } else {
                    all.add(segments.get(i));
                }
            }
            all.add(((segments.isEmpty() ? "" : "\r\n") + delimiter + "--\r\n").getBytes(UTF_8));
            return new MultipartFormBody(boundary, List.copyOf(all));
        }

        private static Head head(String name, @Nullable String filename, @Nullable String contentType) {
            StringBuilder text = new StringBuilder("Content-Disposition: form-data; name=\"")
                    .append(escape(name)).append('"');
            if (filename != null) {
                text.append("; filename=\"").append(escape(filename)).append('"');
            }
            text.append("\r\n");
            if (contentType != null) {
                if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("content type holds CR or LF");
                }
                text.append("Content-Type: ").append(contentType).append("\r\n");
            }
            return new Head(text.append("\r\n").toString());
        }

        private static String escape(String text) {
            return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }

        /** A part's header lines, before the boundary is known. */
        private record Head(String text) {
        }
    }
}
