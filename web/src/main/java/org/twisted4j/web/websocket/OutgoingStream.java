package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;

/** A message being sent in pieces, one frame each; text pieces keep a split surrogate pair for the next. */
final class OutgoingStream implements MessageStream {
    private final WebSocketSession session;
    private final int opcode;
    private boolean first = true;
    private boolean ended;
    private String heldBack = "";

    OutgoingStream(WebSocketSession session, int opcode) {
        this.session = session;
        this.opcode = opcode;
    }

    @Override
    public void write(ByteBuffer data) {
        check(Frames.BINARY);
        send(false, data);
    }

    @Override
    public void write(String text) {
        check(Frames.TEXT);
        String piece = heldBack + text;
        heldBack = "";
        if (!piece.isEmpty() && Character.isHighSurrogate(piece.charAt(piece.length() - 1))) {
            heldBack = piece.substring(piece.length() - 1);
            piece = piece.substring(0, piece.length() - 1);
        }
        send(false, ByteBuffer.wrap(piece.getBytes(UTF_8)));
    }

    @Override
    public void end() {
        check(opcode);
        ended = true;
        send(true, ByteBuffer.wrap(heldBack.getBytes(UTF_8)));
        session.streamEnded(this);
    }

    private void send(boolean fin, ByteBuffer data) {
        session.sendData(opcode, first, fin, data);
        first = false;
    }

    private void check(int kind) {
        if (ended) {
            throw new IllegalStateException("the message has ended");
        }
        if (kind != opcode) {
            throw new IllegalStateException(opcode == Frames.TEXT ? "a text message takes strings"
                    : "a binary message takes bytes");
        }
    }
}
