package org.twisted4j.web;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.http2.HeaderField;
import org.twisted4j.web.http2.Http2Stream;

/**
 * A response on an HTTP/2 stream: the head as a HEADERS frame (the status as {@code :status}, names in lower
 * case, the connection-specific fields of HTTP/1.1 left out), the body as DATA frames that the stream sends
 * as flow control allows, and the end as END_STREAM. The connection outlives every response, so nothing here
 * closes it. Reactor thread only.
 */
final class Http2Response implements ResponseWire {

    /** Fields that mean something only to an HTTP/1.1 connection (RFC 9113 §8.2.2). */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Http2Stream stream;
    private final Site site;
    private boolean ended;

    Http2Response(Http2Stream stream, Site site) {
        this.stream = stream;
        this.site = site;
    }

    @Override
    public boolean keepAlive() {
        return true;
    }

    @Override
    public boolean raw() {
        return false;
    }

    @Override
    public boolean plainBody() {
        return false;
    }

    @Override
    public void keepForUpgrade() {
        throw new IllegalStateException("an HTTP/2 stream cannot switch protocols");
    }

    @Override
    public void closeAfter() {
        // The stream ends with its response; the connection carries on.
    }

    @Override
    public void startRaw() {
        throw new IllegalStateException("a raw response needs an HTTP/1.1 connection, not an HTTP/2 stream");
    }

    @Override
    public void head(int code, @Nullable String message, Headers headers, long knownLength, boolean noBody,
                     boolean headMethod, byte[] body) {
        List<HeaderField> fields = new ArrayList<>(headers.size() + 4);
        fields.add(new HeaderField(":status", Integer.toString(code)));
        if (!headers.contains("Date")) {
            fields.add(new HeaderField("date", site.currentDate()));
        }
        if (!headers.contains("Server")) {
            fields.add(new HeaderField("server", site.getServerName()));
        }
        if (!noBody && knownLength >= 0 && !headers.contains("Content-Length")) {
            fields.add(new HeaderField("content-length", Long.toString(knownLength)));
        }
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.nameAt(i).toLowerCase(Locale.ROOT);
            if (!CONNECTION_SPECIFIC.contains(name) && !(noBody && name.equals("content-length"))) {
                fields.add(new HeaderField(name, headers.valueAt(i)));
            }
        }
        if (!stream.isOpen()) {
            ended = true;
            return;
        }
        boolean bodyless = noBody || headMethod;
        stream.sendHeaders(fields, bodyless);
        ended = bodyless;
        if (!bodyless && body.length > 0) {
            stream.sendData(ByteBuffer.wrap(body), false);
        }
    }

    @Override
    public void body(ByteBuffer data) {
        if (!ended && stream.isOpen()) {
            stream.sendData(data, false);
        }
        data.position(data.limit());
    }

    @Override
    public void rawBytes(ByteBuffer data) {
        throw new IllegalStateException("a raw response needs an HTTP/1.1 connection, not an HTTP/2 stream");
    }

    @Override
    public void end() {
        if (!ended && stream.isOpen()) {
            stream.sendData(NOTHING, true);
        }
        ended = true;
    }
}
