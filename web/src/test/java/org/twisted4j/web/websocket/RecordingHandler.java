package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A handler that writes down what happens to it, one line per event. */
class RecordingHandler implements WebSocketHandler {
    final List<String> events = new ArrayList<>();
    @Nullable WebSocketConnection connection;
    final List<byte[]> binaries = new ArrayList<>();

    @Override
    public void onOpen(WebSocketConnection opened) {
        connection = opened;
        events.add("open");
    }

    @Override
    public void onText(String text) {
        events.add("text:" + text);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binaries.add(bytes);
        events.add("binary:" + (bytes.length <= 32 ? HexFormat.of().formatHex(bytes) : bytes.length + " bytes"));
    }

    @Override
    public void onPing(ByteBuffer payload) {
        events.add("ping:" + UTF_8.decode(payload));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        events.add("pong:" + UTF_8.decode(payload));
    }

    @Override
    public void pauseSending() {
        events.add("pause");
    }

    @Override
    public void resumeSending() {
        events.add("resume");
    }

    @Override
    public void onClose(int code, String reason) {
        events.add("close:" + code + ":" + reason);
    }

    WebSocketConnection connection() {
        WebSocketConnection current = connection;
        if (current == null) {
            throw new AssertionError("not open");
        }
        return current;
    }

    /** The close event's code, or -1. */
    int closeCode() {
        for (String event : events) {
            if (event.startsWith("close:")) {
                return Integer.parseInt(event.split(":")[1]);
            }
        }
        return -1;
    }
}
