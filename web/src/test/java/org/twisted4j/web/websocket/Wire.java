package org.twisted4j.web.websocket;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** One WebSocket session on a StringTransport and a Clock: feed it frames as hex, read what it wrote as hex. */
final class Wire {
    /** The masking key of RFC 6455's examples. */
    static final int RFC_KEY = 0x37fa213d;

    final Clock clock = new Clock();
    final StringTransport transport = new StringTransport();
    final RecordingHandler handler;
    final WebSocketSession session;

    private Wire(RecordingHandler handler, WebSocketOptions options, PerMessageDeflate.@Nullable Agreement deflate,
            boolean client) {
        this.handler = handler;
        session = new WebSocketSession(handler, options, clock, null, deflate, client ? () -> RFC_KEY : null);
        session.makeConnection(transport);
    }

    static Wire with(RecordingHandler handler, boolean client) {
        return new Wire(handler, WebSocketOptions.defaults(), null, client);
    }

    static Wire server() {
        return new Wire(new RecordingHandler(), WebSocketOptions.defaults(), null, false);
    }

    static Wire client() {
        return new Wire(new RecordingHandler(), WebSocketOptions.defaults(), null, true);
    }

    static Wire server(WebSocketOptions options) {
        return new Wire(new RecordingHandler(), options, null, false);
    }

    static Wire client(WebSocketOptions options) {
        return new Wire(new RecordingHandler(), options, null, true);
    }

    static Wire deflating(boolean client, boolean noContextTakeover) {
        return deflating(client, noContextTakeover, WebSocketOptions.defaults());
    }

    static Wire deflating(boolean client, boolean noContextTakeover, WebSocketOptions options) {
        var agreement = new PerMessageDeflate.Agreement(noContextTakeover, noContextTakeover, "permessage-deflate");
        return new Wire(new RecordingHandler(), options, agreement, client);
    }

    /** Feeds bytes given as hex, spaces allowed. */
    Wire feed(String hex) {
        return feed(bytes(hex));
    }

    Wire feed(byte[] data) {
        session.dataReceived(ByteBuffer.wrap(data));
        return this;
    }

    /** Returns what was written since last asked, as hex with no spaces, and forgets it. */
    String written() {
        String hex = HexFormat.of().formatHex(transport.value());
        transport.clear();
        return hex;
    }

    /**
     * Returns the status code of the close frame that was written first (unmasking a client's), or -1 if the
     * first frame written is not a close with a code; forgets what was written.
     */
    int writtenCloseCode() {
        byte[] frame = transport.value();
        transport.clear();
        if (frame.length < 4 || (frame[0] & 0xff) != 0x88 || (frame[1] & 0x7f) < 2) {
            return -1;
        }
        boolean masked = (frame[1] & 0x80) != 0;
        int at = masked ? 6 : 2;
        if (masked) {
            Frames.mask(frame, at, frame.length - at, ByteBuffer.wrap(frame, 2, 4).getInt(), 0);
        }
        return ((frame[at] & 0xff) << 8) | (frame[at + 1] & 0xff);
    }

    /** Ends the TCP connection cleanly, as the peer closing it would. */
    void tcpClosed() {
        session.connectionLost(new Failure(new ConnectionDone()));
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    /** Masks a client frame's payload: header bytes given, payload masked with {@link #RFC_KEY}. */
    static byte[] masked(int first, byte[] payload) {
        ByteBuffer header = Frames.header(first, payload.length, true, RFC_KEY);
        byte[] frame = new byte[header.remaining() + payload.length];
        int headerLength = header.remaining();
        header.get(frame, 0, headerLength);
        System.arraycopy(payload, 0, frame, headerLength, payload.length);
        Frames.mask(frame, headerLength, payload.length, RFC_KEY, 0);
        return frame;
    }
}
