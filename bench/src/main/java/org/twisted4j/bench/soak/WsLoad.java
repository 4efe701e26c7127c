package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The WebSocket phase: connections to the echo at {@code /ws} (plain and TLS, with and without
 * permessage-deflate) sending text and binary messages of 0 bytes to 1 MiB, some in several fragments, with
 * pings between them; each echo must equal the message. A connection ends with a close handshake, or vanishes
 * (between messages, or within a frame).
 */
final class WsLoad extends Phase {

    /** Connections at once: every combination of plain or TLS and deflate or not, twice. */
    static final int CONNECTIONS = 8;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 \u00e9\u00df\u20ac\u4e16\ud83d\ude00";

    WsLoad(Target target, Tally tally, double seconds) {
        super(target, tally, seconds);
    }

    @Override
    List<Loop> loops() {
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            boolean secure = i % 2 == 1;
            boolean deflate = (i / 2) % 2 == 1;
            loops.add(random -> connections(random, secure, deflate));
        }
        return loops;
    }

    private void connections(SplittableRandom random, boolean secure, boolean deflate) {
        String what = "ws " + (secure ? "tls" : "tcp") + (deflate ? " deflate" : "");
        for (int n = 0; n < MAX_ITERATIONS && running(); n++) {
            try (WsClient client = WsClient.open(target, secure, deflate, random.split())) {
                tally.count("connections");
                if (deflate && !client.deflating()) {
                    tally.error("deflate", "permessage-deflate offered but not agreed (" + what + ")");
                }
                int messages = 1 + random.nextInt(300);
                boolean good = true;
                for (int k = 0; k < messages && running() && good; k++) {
                    good = echo(client, random, what);
                    if (good && k % 40 == 39) {
                        good = ping(client, random, what);
                    }
                }
                if (good) {
                    end(client, random, what);
                }
            } catch (WsClient.HandshakeRefused e) {
                tally.status(e.status, what + " upgrade");
                if (e.status < 500) {
                    tally.error("upgrade", what + ": " + e.getMessage());
                }
            } catch (IOException e) {
                connectionError(what, e);
            }
        }
    }

    private boolean echo(WsClient client, SplittableRandom random, String what) throws IOException {
        int draw = random.nextInt(100);
        int size = draw < 70 ? random.nextInt(1024) : draw < 97 ? 1024 + random.nextInt(64 * 1024)
                : 256 * 1024 + random.nextInt(768 * 1024);
        boolean text = random.nextBoolean();
        byte[] message;
        if (text) {
            StringBuilder builder = new StringBuilder(size);
            while (builder.length() < size) {
                int at = random.nextInt(LETTERS.length());
                if (Character.isHighSurrogate(LETTERS.charAt(at))) {
                    builder.append(LETTERS, at, at + 2);
                } else if (!Character.isLowSurrogate(LETTERS.charAt(at))) {
                    builder.append(LETTERS.charAt(at));
                }
            }
            message = builder.toString().getBytes(UTF_8);
        } else {
            message = new byte[size];
            random.nextBytes(message);
            if (random.nextBoolean()) {
                Arrays.fill(message, 0, size / 2, (byte) 'x');
            }
        }
        int opcode = text ? WsClient.TEXT : WsClient.BINARY;
        client.send(opcode, message, random.nextInt(10) == 0 ? 2 + random.nextInt(4) : 1);
        WsClient.Message echo = client.receive();
        tally.count("messages");
        tally.add("message_kib", message.length >> 10);
        if (echo.opcode() != opcode || !Arrays.equals(echo.payload(), message)) {
            tally.error("echo", "an echo of opcode " + echo.opcode() + " and " + echo.payload().length
                    + " bytes for a message of opcode " + opcode + " and " + message.length + " bytes (" + what + ")");
            return false;
        }
        return true;
    }

    private boolean ping(WsClient client, SplittableRandom random, String what) throws IOException {
        byte[] payload = new byte[random.nextInt(125)];
        random.nextBytes(payload);
        client.control(WsClient.PING, payload);
        WsClient.Message pong = client.receive();
        tally.count("pings");
        if (pong.opcode() != WsClient.PONG || !Arrays.equals(pong.payload(), payload)) {
            tally.error("pong", "opcode " + pong.opcode() + " in answer to a ping (" + what + ")");
            return false;
        }
        return true;
    }

    /** Ends the connection: with the close handshake mostly, else by vanishing, between or within frames. */
    private void end(WsClient client, SplittableRandom random, String what) throws IOException {
        int draw = random.nextInt(8);
        if (draw == 0) {
            client.link().vanish();
            tally.count("vanished");
            return;
        }
        if (draw == 1) {
            byte[] payload = new byte[100_000];
            random.nextBytes(payload);
            client.partialFrame(payload, 2 + random.nextInt(50_000));
            client.link().vanish();
            tally.count("vanished_mid_frame");
            return;
        }
        client.control(WsClient.CLOSE, new byte[] {0x03, (byte) 0xe8});
        WsClient.Message close = client.receive();
        if (close.opcode() != WsClient.CLOSE) {
            tally.error("close", "opcode " + close.opcode() + " in answer to a close (" + what + ")");
            return;
        }
        if (!client.ended()) {
            tally.error("close", "data after the close handshake (" + what + ")");
            return;
        }
        tally.count("closed");
    }
}
