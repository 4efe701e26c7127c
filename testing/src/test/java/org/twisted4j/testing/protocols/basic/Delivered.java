package org.twisted4j.testing.protocols.basic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a receiver under fuzzing delivered, in order: its messages (lines or strings), raw bytes (runs merged,
 * since a split delivers them in other pieces) and reports, so that runs over the same bytes split
 * differently can be compared.
 */
final class Delivered {
    private static final HexFormat HEX = HexFormat.of();

    private final List<String> events = new ArrayList<>();
    private final List<byte[]> messages = new ArrayList<>();

    void message(byte[] message) {
        messages.add(message.clone());
        events.add("message " + HEX.formatHex(message));
    }

    /** Records the bytes between {@code data}'s position and limit, without consuming them. */
    void raw(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        if (!events.isEmpty() && events.getLast().startsWith("raw ")) {
            events.set(events.size() - 1, events.getLast() + HEX.formatHex(bytes));
        } else {
            events.add("raw " + HEX.formatHex(bytes));
        }
    }

    void report(String what) {
        events.add(what);
    }

    List<String> events() {
        return events;
    }

    List<byte[]> messages() {
        return messages;
    }
}
