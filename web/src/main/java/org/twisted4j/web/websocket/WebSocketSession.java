package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;

/**
 * One WebSocket connection after its opening handshake, on either end: the protocol on the transport. It parses
 * frames, answers pings, runs the close handshake with its timeout, fails the connection with the right code
 * when the peer breaks the protocol, and is the {@link WebSocketConnection} its handler sends through. It
 * registers itself with the transport as a push producer to learn when the send buffer is full.
 */
final class WebSocketSession extends Protocol implements WebSocketConnection, PushProducer, FrameParser.Sink,
        MessageAssembler.Messages {
    private static final Logger LOG = Logger.forClass(WebSocketSession.class);
    private static final int MAX_REASON_BYTES = Frames.MAX_CONTROL_PAYLOAD - 2;

    private final WebSocketHandler handler;
    private final ReactorTime clock;
    private final WebSocketOptions options;
    private final @Nullable String subprotocol;
    private final PerMessageDeflate.@Nullable Agreement deflate;
    private final @Nullable IntSupplier maskKeys;
    private final FrameParser parser;
    private final MessageAssembler assembler;
    private @Nullable FrameSender sender;
    private @Nullable OutgoingStream stream;

    private boolean closeSent;
    private boolean closeReceived;
    private boolean failed;
    private boolean lost;
    private boolean producerRegistered;
    private boolean sendingPaused;
    private int closeCode = CloseCodes.ABNORMAL_CLOSURE;
    private String closeReason = "";
    private @Nullable DelayedCall closeTimer;

    /**
     * Makes the connection's protocol.
     *
     * @param maskKeys on a client, the source of masking keys; null on a server
     * @param deflate the permessage-deflate agreement, or null if there is none
     */
    WebSocketSession(WebSocketHandler handler, WebSocketOptions options, ReactorTime clock,
            @Nullable String subprotocol, PerMessageDeflate.@Nullable Agreement deflate,
            @Nullable IntSupplier maskKeys) {
        this.handler = handler;
        this.options = options;
        this.clock = clock;
        this.subprotocol = subprotocol;
        this.deflate = deflate;
        this.maskKeys = maskKeys;
        boolean client = maskKeys != null;
        this.parser = new FrameParser(!client, options.maxFrameSize(), this);
        this.assembler = new MessageAssembler(options.maxMessageSize(),
                deflate == null ? null : deflate.inflater(client));
        if (deflate != null) {
            parser.allowRsv1();
        }
    }

    @Override
    public void connectionMade() {
        boolean client = maskKeys != null;
        sender = new FrameSender(transport(), maskKeys, deflate == null ? null : deflate.deflater(client));
        try {
            transport().registerProducer(this, true);
            producerRegistered = true;
        } catch (IllegalStateException e) {
            LOG.debug("no back-pressure for {peer}: {error}", "peer", getPeer(), "error", e.getMessage());
        }
        notifyHandler(() -> handler.onOpen(this));
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        try {
            parser.feed(data);
        } catch (ProtocolViolation violation) {
            fail(violation.code(), violation.getMessage());
        }
    }

    @Override
    public void frame(int opcode, boolean fin, boolean rsv1, ByteBuffer payload) throws ProtocolViolation {
        switch (opcode) {
            case Frames.CLOSE -> closeFrame(payload);
            case Frames.PING -> {
                if (!closeSent) {
                    sender().control(Frames.PONG, copy(payload));
                }
                notifyHandler(() -> handler.onPing(payload));
            }
            case Frames.PONG -> notifyHandler(() -> handler.onPong(payload));
            default -> assembler.frame(opcode, fin, rsv1, payload, this);
        }
    }

    @Override
    public void text(String text) {
        notifyHandler(() -> handler.onText(text));
    }

    @Override
    public void binary(ByteBuffer data) {
        notifyHandler(() -> handler.onBinary(data));
    }

    /** The peer's close: check it, answer it if we have not closed yet, and end the TCP connection. */
    private void closeFrame(ByteBuffer payload) throws ProtocolViolation {
        int code = CloseCodes.NO_STATUS_RECEIVED;
        String reason = "";
        if (payload.remaining() == 1) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "close frame with a one-byte payload");
        }
        if (payload.remaining() >= 2) {
            code = payload.getShort() & 0xffff;
            if (!CloseCodes.isSendable(code)) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "close code " + code + " is not allowed");
            }
            Utf8Validator utf8 = new Utf8Validator();
            if (!utf8.feed(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining())
                    || !utf8.isComplete()) {
                throw new ProtocolViolation(CloseCodes.INVALID_PAYLOAD, "close reason is not UTF-8");
            }
            reason = UTF_8.decode(payload).toString();
        }
        closeReceived = true;
        parser.stop();
        closeCode = code;
        closeReason = reason;
        if (!closeSent) {
            closeSent = true;
            ByteBuffer answer = ByteBuffer.allocate(code == CloseCodes.NO_STATUS_RECEIVED ? 0 : 2);
            if (answer.capacity() == 2) {
                answer.putShort(0, (short) code);
            }
            sender().control(Frames.CLOSE, answer);
        }
        if (maskKeys == null) {
            closeTcp();                       // the server closes the TCP connection first
        } else {
            startCloseTimer();                // the client waits for the server to do it
        }
    }

    /** Fails the connection (RFC 6455 section 7.1.7): a close frame with {@code code}, then the TCP close. */
    private void fail(int code, String message) {
        parser.stop();
        if (lost || failed) {
            return;
        }
        LOG.debug("failing WebSocket connection from {peer} with {code}: {message}", "peer", getPeer(),
                "code", code, "message", message);
        failed = true;
        closeCode = code;
        closeReason = message;
        if (!closeSent) {
            closeSent = true;
            sender().control(Frames.CLOSE, closePayload(code, message));
        }
        closeTcp();
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        if (UTF_8.encode(reason).remaining() > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason longer than " + MAX_REASON_BYTES + " bytes");
        }
        if (closeSent || lost) {
            return;
        }
        closeSent = true;
        sender().control(Frames.CLOSE, closePayload(code, reason));
        startCloseTimer();
    }

    /** A close payload: the code, then as much of the reason as fits in whole characters. */
    private static ByteBuffer closePayload(int code, String reason) {
        String fitted = reason;
        while (UTF_8.encode(fitted).remaining() > MAX_REASON_BYTES) {
            fitted = fitted.substring(0, Character.isLowSurrogate(fitted.charAt(fitted.length() - 1))
                    ? fitted.length() - 2 : fitted.length() - 1);
        }
        byte[] text = fitted.getBytes(UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).flip();
    }

    private void startCloseTimer() {
        if (closeTimer == null && !lost) {
            closeTimer = clock.callLater(options.closeTimeout(), () -> {
                LOG.debug("close handshake with {peer} timed out", "peer", getPeer());
                transport().abortConnection();
            });
        }
    }

    private void closeTcp() {
        if (producerRegistered) {
            producerRegistered = false;
            transport().unregisterProducer();
        }
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        if (lost) {
            return;
        }
        lost = true;
        parser.stop();
        DelayedCall timer = closeTimer;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        assembler.release();
        if (sender != null) {
            sender.release();
        }
        boolean clean = failed || closeReceived;
        int code = clean ? closeCode : CloseCodes.ABNORMAL_CLOSURE;
        String why = clean ? closeReason : "connection lost: " + reason.getErrorMessage();
        notifyHandler(() -> handler.onClose(code, why));
    }

    /** Calls the handler; an exception from it fails the connection with 1011. */
    private void notifyHandler(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.failure("WebSocket handler failed", new Failure(e));
            if (!lost) {
                fail(CloseCodes.INTERNAL_ERROR, "internal error");
            }
        }
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        return copy.put(data.duplicate()).flip();
    }

    private FrameSender sender() {
        FrameSender current = sender;
        if (current == null) {
            throw new IllegalStateException("the WebSocket connection is not open yet");
        }
        return current;
    }

    /** Whether data messages may go out: not after a close was sent. */
    boolean canSend() {
        return !closeSent && !lost;
    }

    /** Sends one data frame of a message, for this connection and its streams. */
    void sendData(int opcode, boolean first, boolean fin, ByteBuffer payload) {
        if (canSend()) {
            sender().data(opcode, first, fin, payload);
        }
    }

    /** Called by a stream when it ends, so the connection can send other messages again. */
    void streamEnded(OutgoingStream ended) {
        if (stream == ended) {
            stream = null;
        }
    }

    private void checkNoStream() {
        if (stream != null) {
            throw new IllegalStateException("a streamed message is still being sent");
        }
    }

    @Override
    public void sendText(String text) {
        checkNoStream();
        sendData(Frames.TEXT, true, true, ByteBuffer.wrap(text.getBytes(UTF_8)));
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        checkNoStream();
        sendData(Frames.BINARY, true, true, data);
    }

    @Override
    public MessageStream beginText() {
        checkNoStream();
        OutgoingStream opened = new OutgoingStream(this, Frames.TEXT);
        stream = opened;
        return opened;
    }

    @Override
    public MessageStream beginBinary() {
        checkNoStream();
        OutgoingStream opened = new OutgoingStream(this, Frames.BINARY);
        stream = opened;
        return opened;
    }

    @Override
    public void ping(ByteBuffer payload) {
        sendControl(Frames.PING, payload);
    }

    @Override
    public void pong(ByteBuffer payload) {
        sendControl(Frames.PONG, payload);
    }

    private void sendControl(int opcode, ByteBuffer payload) {
        if (payload.remaining() > Frames.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control payload longer than 125 bytes: " + payload.remaining());
        }
        if (canSend()) {
            sender().control(opcode, payload);
        }
    }

    @Override
    public void abort() {
        transport().abortConnection();
    }

    @Override
    public boolean isSendingPaused() {
        return sendingPaused;
    }

    @Override
    public void pauseReceiving() {
        transport().pauseProducing();
    }

    @Override
    public void resumeReceiving() {
        transport().resumeProducing();
    }

    @Override
    public @Nullable String subprotocol() {
        return subprotocol;
    }

    @Override
    public String extensions() {
        return deflate == null ? "" : deflate.header();
    }

    @Override
    public Address getPeer() {
        return transport().getPeer();
    }

    @Override
    public Address getHost() {
        return transport().getHost();
    }

    @Override
    public void pauseProducing() {
        if (!sendingPaused) {
            sendingPaused = true;
            notifyHandler(handler::pauseSending);
        }
    }

    @Override
    public void resumeProducing() {
        if (sendingPaused) {
            sendingPaused = false;
            notifyHandler(handler::resumeSending);
        }
    }

    @Override
    public void stopProducing() {
        producerRegistered = false;
    }

    @Override
    public String toString() {
        return "WebSocketSession[" + (maskKeys == null ? "server" : "client") + "]";
    }
}
