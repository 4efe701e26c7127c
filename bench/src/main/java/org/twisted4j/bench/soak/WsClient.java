package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client as plain as can check a server (RFC 6455, with permessage-deflate of RFC 7692 when the
 * server agrees to it): the opening handshake over an {@link Http1} connection, masked frames out, whole
 * messages in, pings answered. Not thread-safe: one thread per connection.
 */
final class WsClient implements AutoCloseable {

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    /** The largest message read; a larger one is a broken echo. */
    static final int MAX_MESSAGE = 4 << 20;

    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * A message or control frame received.
     *
     * @param opcode TEXT, BINARY, CLOSE or PONG
     * @param payload its payload, decompressed
     */
    record Message(int opcode, byte[] payload) {
    }

    private final Http1 connection;
    private final InputStream in;
    private final OutputStream out;
    private final SplittableRandom random;
    private final boolean deflate;
    private final boolean resetDeflater;
    private final boolean resetInflater;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    private WsClient(Http1 connection, SplittableRandom random, String extensions) throws IOException {
        this.connection = connection;
        this.in = connection.input();
        this.out = connection.link.socket().getOutputStream();
        this.random = random;
        String agreed = extensions == null ? "" : extensions.toLowerCase(Locale.ROOT);
        this.deflate = agreed.contains("permessage-deflate");
        if (deflate && agreed.contains("client_max_window_bits=")) {
            throw new IOException("the server asked for a smaller window than this client can use: " + extensions);
        }
        this.resetDeflater = agreed.contains("client_no_context_takeover");
        this.resetInflater = agreed.contains("server_no_context_takeover");
    }

    /**
     * Opens a connection to {@code /ws} and does the opening handshake, offering permessage-deflate if
     * {@code offerDeflate}.
     *
     * @throws IOException if the connection fails
     * @throws HandshakeRefused if the server answers other than 101 with the right accept hash
     */
    static WsClient open(Target target, boolean secure, boolean offerDeflate, SplittableRandom random)
            throws IOException {
        Http1 connection = new Http1(target.connect(secure));
        try {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            connection.send(Http1.request("GET", "/ws", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13",
                    offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate" : "X-Soak: 1"));
            Http1.Response head = connection.readHead();
            if (head.status() != 101) {
                throw new HandshakeRefused(head.status(), "the upgrade was answered " + head.status());
            }
            if (!accept(key).equals(head.header("sec-websocket-accept"))) {
                throw new HandshakeRefused(101, "wrong Sec-WebSocket-Accept: " + head.header("sec-websocket-accept"));
            }
            return new WsClient(connection, random, head.header("sec-websocket-extensions"));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The server refused the upgrade, or answered it wrongly. */
    static final class HandshakeRefused extends IOException {
        private static final long serialVersionUID = 1L;

        final int status;

        HandshakeRefused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] hash = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(ISO_8859_1));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Returns whether permessage-deflate was agreed. */
    boolean deflating() {
        return deflate;
    }

    /**
     * Sends a message in {@code fragments} frames (compressed first if permessage-deflate was agreed).
     *
     * @throws IOException if the connection fails
     */
    void send(int opcode, byte[] message, int fragments) throws IOException {
        byte[] payload = deflate ? compress(message) : message;
        int parts = Math.max(1, Math.min(fragments, payload.length));
        int step = payload.length / parts;
        for (int i = 0, at = 0; i < parts; i++) {
            int end = i == parts - 1 ? payload.length : at + step;
            frame(i == 0 ? opcode : 0, i == parts - 1, deflate && i == 0, payload, at, end - at);
            at = end;
        }
        out.flush();
    }

    /** Sends a control frame (ping, pong or close). */
    void control(int opcode, byte[] payload) throws IOException {
        frame(opcode, true, false, payload, 0, payload.length);
        out.flush();
    }

    /** Sends the first {@code length} bytes of a frame that announces more, then nothing: to vanish within it. */
    void partialFrame(byte[] payload, int length) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        writeFrame(frame, BINARY, true, false, payload, 0, payload.length);
        out.write(frame.toByteArray(), 0, Math.min(length, frame.size() - 1));
        out.flush();
    }

    private void frame(int opcode, boolean fin, boolean rsv1, byte[] payload, int offset, int length)
            throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 14);
        writeFrame(frame, opcode, fin, rsv1, payload, offset, length);
        frame.writeTo(out);
    }

    private void writeFrame(ByteArrayOutputStream frame, int opcode, boolean fin, boolean rsv1, byte[] payload,
            int offset, int length) {
        frame.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (length < 126) {
            frame.write(0x80 | length);
        } else if (length < 65536) {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask, 0, 4);
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[offset + i] ^ mask[i & 3]);
        }
        frame.write(masked, 0, length);
    }

    /**
     * Receives the next message, or a close or pong frame; answers pings on the way.
     *
     * @throws IOException if the connection fails or the server breaks the protocol
     */
    Message receive() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int opcode = -1;
        boolean compressed = false;
        while (true) {
            int b0 = readByte();
            int b1 = readByte();
            if ((b1 & 0x80) != 0) {
                throw new IOException("a masked frame from the server");
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            if (length > MAX_MESSAGE - message.size()) {
                throw new IOException("a frame of " + length + " bytes");
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length != length) {
                throw new EOFException("the connection ended within a frame");
            }
            int code = b0 & 0x0f;
            boolean fin = (b0 & 0x80) != 0;
            if (code >= CLOSE) {
                if (code == PING) {
                    control(PONG, payload);
                    continue;
                }
                return new Message(code, payload);
            }
            if (code != 0) {
                opcode = code;
                compressed = (b0 & 0x40) != 0;
            } else if (opcode < 0) {
                throw new IOException("a continuation frame with no message begun");
            }
            message.write(payload, 0, payload.length);
            if (fin) {
                byte[] whole = message.toByteArray();
                return new Message(opcode, compressed ? decompress(whole) : whole);
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended");
        }
        return b;
    }

    private byte[] compress(byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        if (resetDeflater) {
            deflater.reset();
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length < 4) {
            // Nothing to flush (an empty message): the deflater wrote nothing, not even the empty stored block
            // a flush ends with; RFC 7692 section 7.2.3.6 sends that block's first byte, 0x00.
            return new byte[] {0};
        }
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    private byte[] decompress(byte[] payload) throws IOException {
        byte[] input = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(TAIL, 0, input, payload.length, 4);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 2 + 64);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
                if (out.size() > MAX_MESSAGE) {
                    throw new IOException("a message that inflates past " + MAX_MESSAGE + " bytes");
                }
                if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("a compressed message that does not inflate", e);
        }
        if (resetInflater) {
            inflater.reset();
        }
        return out.toByteArray();
    }

    /** Reads on: returns whether the server has closed the connection, with nothing more sent. */
    boolean ended() throws IOException {
        return in.read() < 0;
    }

    /** Returns the connection under the WebSocket. */
    Target.Link link() {
        return connection.link;
    }

    /** Closes the connection and frees the compressors. */
    @Override
    public void close() {
        connection.close();
        deflater.end();
        inflater.end();
    }
}
