package org.twisted4j.words.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DCC offer carried in a CTCP {@code DCC} query (Twisted's {@code dccParseAddress} and the {@code dcc_SEND}
 * and {@code dcc_CHAT} handlers): {@code SEND filename address port [size]} or {@code CHAT chat address port}.
 * The address is an IPv4 address written as one unsigned 32-bit number, or an IPv6 or dotted literal.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param type the DCC type, upper-cased ({@code SEND}, {@code CHAT}, ...)
 * @param argument the file name for SEND (quotes removed), the protocol ({@code chat}) for CHAT
 * @param host the address, as text
 * @param port the port, 0..65535 (0 for a passive/reverse offer)
 * @param size the file size for SEND, or -1 if not given
 */
public record DccOffer(String type, String argument, String host, int port, long size) {

    /** Parses the data of a CTCP DCC query; empty when it is not a well-formed offer. */
    public static Optional<DccOffer> parse(String data) {
        List<String> words = words(data);
        if (words.size() < 4) {
            return Optional.empty();
        }
        String type = words.get(0).toUpperCase(java.util.Locale.ROOT);
        String host = address(words.get(2));
        if (host == null) {
            return Optional.empty();
        }
        int port;
        long size = -1;
        try {
            port = Integer.parseInt(words.get(3));
            if (words.size() > 4 && type.equals("SEND")) {
                size = Long.parseLong(words.get(4));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (port < 0 || port > 65535 || size < -1) {
            return Optional.empty();
        }
        return Optional.of(new DccOffer(type, words.get(1), host, port, size));
    }

    private static @org.jspecify.annotations.Nullable String address(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                long n = Long.parseLong(text);
                if (n < 0 || n > 0xFFFFFFFFL) {
                    return null;
                }
                return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return text.matches("[0-9A-Fa-f:.]+") && (text.contains(".") || text.contains(":")) ? text : null;
    }

    private static List<String> words(String data) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < data.length()) {
            while (i < data.length() && data.charAt(i) == ' ') {
                i++;
            }
            if (i >= data.length()) {
                break;
            }
            if (data.charAt(i) == '"') {
                int close = data.indexOf('"', i + 1);
                if (close > 0) {
                    out.add(data.substring(i + 1, close));
                    i = close + 1;
                    continue;
                }
            }
            int space = data.indexOf(' ', i);
            int end = space < 0 ? data.length() : space;
            out.add(data.substring(i, end));
            i = end;
        }
        return out;
    }
}
