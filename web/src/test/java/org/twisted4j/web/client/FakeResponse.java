package org.twisted4j.web.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

/**
 * A canned response for the agent wrappers' tests: a status, headers and either a body given up front
 * (delivered at once when asked for) or one the test feeds piece by piece.
 */
final class FakeResponse implements Response {

    private final int code;
    private final URI uri;
    private final Headers headers = new Headers();
    private final @Nullable List<byte[]> canned;
    private @Nullable BodyReceiver receiver;
    int pauses;
    int resumes;
    int aborts;

    private FakeResponse(int code, URI uri, @Nullable List<byte[]> canned) {
        this.code = code;
        this.uri = uri;
        this.canned = canned;
    }

    /** A response whose body is {@code pieces}, delivered at once when asked for. */
    static FakeResponse of(int code, String uri, byte[]... pieces) {
        return new FakeResponse(code, URI.create(uri), List.of(pieces));
    }

    /** A response whose body the test feeds with {@link #feed}, {@link #finish} and {@link #fail}. */
    static FakeResponse streaming(int code, String uri) {
        return new FakeResponse(code, URI.create(uri), null);
    }

    FakeResponse header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    boolean bodyAskedFor() {
        return receiver != null;
    }

    void feed(byte[] piece) throws Exception {
        receiver().dataReceived(ByteBuffer.wrap(piece));
    }

    void finish() throws Exception {
        receiver().bodyFinished();
    }

    void fail(Throwable why) {
        receiver().bodyFailed(new Failure(why));
    }

    private BodyReceiver receiver() {
        BodyReceiver r = receiver;
        if (r == null) {
            throw new IllegalStateException("the body was not asked for");
        }
        return r;
    }

    @Override
    public String version() {
        return "HTTP/1.1";
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String phrase() {
        return "Phrase " + code;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public long length() {
        String length = headers.get("Content-Length");
        return length == null ? UNKNOWN_LENGTH : Long.parseLong(length);
    }

    @Override
    public URI requestUri() {
        return uri;
    }

    @Override
    public @Nullable Response previousResponse() {
        return null;
    }

    @Override
    public void deliverBody(BodyReceiver receiver) {
        if (this.receiver != null) {
            throw new IllegalStateException("body already asked for");
        }
        this.receiver = receiver;
        List<byte[]> pieces = canned;
        if (pieces != null) {
            try {
                for (byte[] piece : pieces) {
                    receiver.dataReceived(ByteBuffer.wrap(piece));
                }
                receiver.bodyFinished();
            } catch (Exception e) {
                receiver.bodyFailed(new Failure(e));
            }
        }
    }

    @Override
    public void pauseBody() {
        pauses++;
    }

    @Override
    public void resumeBody() {
        resumes++;
    }

    @Override
    public void abortBody() {
        aborts++;
    }

    @Override
    public Deferred<byte[]> readBody() {
        return BodyCollector.collect(this);
    }

    @Override
    public String toString() {
        return "FakeResponse[" + code + " " + uri + "]";
    }

    static List<byte[]> split(byte[] all, int... at) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            out.add(java.util.Arrays.copyOfRange(all, from, cut));
            from = cut;
        }
        out.add(java.util.Arrays.copyOfRange(all, from, all.length));
        return out;
    }
}
