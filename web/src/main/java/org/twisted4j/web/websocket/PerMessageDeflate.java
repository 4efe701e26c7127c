package org.twisted4j.web.websocket;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The negotiation of permessage-deflate (RFC 7692 section 7.1): what a client offers, which offer a server
 * accepts and what it answers, and whether a server's answer is one the client can live with.
 *
 * <p>The limits come from {@link java.util.zip.Deflater}, which cannot compress with a window below 15 bits:
 * an offer asking our compressor for a smaller window is declined, while any window the peer's compressor
 * uses is fine for our inflater, so {@code client_max_window_bits} is accepted from clients.
 */
final class PerMessageDeflate {
    static final String NAME = "permessage-deflate";

    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";
    private static final String SERVER_WINDOW = "server_max_window_bits";
    private static final String CLIENT_WINDOW = "client_max_window_bits";
    private static final int JAVA_WINDOW_BITS = 15;

    /**
     * What both ends agreed.
     *
     * @param serverNoContextTakeover whether the server's compressor starts afresh with every message
     * @param clientNoContextTakeover whether the client's compressor starts afresh with every message
     * @param header the {@code Sec-WebSocket-Extensions} value of the server's answer
     */
    record Agreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover, String header) {

        /** Makes the compressor for one side of the connection. */
        MessageDeflater deflater(boolean client) {
            return new MessageDeflater(client ? clientNoContextTakeover : serverNoContextTakeover);
        }

        /** Makes the decompressor for one side of the connection. */
        MessageInflater inflater(boolean client) {
            return new MessageInflater(client ? serverNoContextTakeover : clientNoContextTakeover);
        }
    }

    private PerMessageDeflate() {
    }

    /** Returns a client's offer: plain, or asking for no context takeover on both sides. */
    static String offer(boolean noContextTakeover) {
        return noContextTakeover ? NAME + "; " + SERVER_NO_CONTEXT + "; " + CLIENT_NO_CONTEXT : NAME;
    }

    /**
     * Picks the first permessage-deflate offer a server can accept, in the client's order.
     *
     * @param offers the client's {@code Sec-WebSocket-Extensions}, parsed
     * @param noContextTakeover whether the server wants its own compressor to start afresh every message
     * @return the agreement, or null if no offer can be accepted
     */
    static @Nullable Agreement accept(List<HeaderTokens.Extension> offers, boolean noContextTakeover) {
        for (HeaderTokens.Extension offer : offers) {
            if (offer.name().equals(NAME)) {
                Agreement agreement = acceptOne(offer.parameters(), noContextTakeover);
                if (agreement != null) {
                    return agreement;
                }
            }
        }
        return null;
    }

    private static @Nullable Agreement acceptOne(Map<String, @Nullable String> parameters,
            boolean noContextTakeover) {
        boolean serverNoContext = noContextTakeover;
        boolean clientNoContext = false;
        boolean serverWindow = false;
        for (Map.Entry<String, @Nullable String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case SERVER_NO_CONTEXT -> {
                    if (value != null) {
                        return null;
                    }
                    serverNoContext = true;
                }
                case CLIENT_NO_CONTEXT -> {
                    if (value != null) {
                        return null;
                    }
                    clientNoContext = true;
                }
                case SERVER_WINDOW -> {
                    if (value == null || windowBits(value) != JAVA_WINDOW_BITS) {
                        return null;              // our compressor cannot use a smaller window
                    }
                    serverWindow = true;
                }
                case CLIENT_WINDOW -> {
                    if (value != null && windowBits(value) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        StringBuilder header = new StringBuilder(NAME);
        if (serverNoContext) {
            header.append("; ").append(SERVER_NO_CONTEXT);
        }
        if (clientNoContext) {
            header.append("; ").append(CLIENT_NO_CONTEXT);
        }
        if (serverWindow) {
            header.append("; ").append(SERVER_WINDOW).append('=').append(JAVA_WINDOW_BITS);
        }
        return new Agreement(serverNoContext, clientNoContext, header.toString());
    }

    /**
     * Checks a server's answer to our offer.
     *
     * @param answer the server's {@code Sec-WebSocket-Extensions}, parsed; empty if it declined
     * @param header the same, as it came
     * @param noContextTakeover whether we offered no context takeover
     * @return the agreement, or null if the server declined compression
     * @throws IllegalArgumentException if the answer agrees to something we did not offer
     */
    static @Nullable Agreement check(List<HeaderTokens.Extension> answer, String header,
            boolean noContextTakeover) {
        if (answer.isEmpty()) {
            return null;
        }
        if (answer.size() > 1 || !answer.getFirst().name().equals(NAME)) {
            throw new IllegalArgumentException("the server agreed to extensions that were not offered: " + answer);
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        for (Map.Entry<String, @Nullable String> parameter : answer.getFirst().parameters().entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case SERVER_NO_CONTEXT -> serverNoContext = value == null;
                case CLIENT_NO_CONTEXT -> clientNoContext = value == null;
                case SERVER_WINDOW -> {
                    if (value == null || windowBits(value) < 0) {
                        throw new IllegalArgumentException("bad " + SERVER_WINDOW + " in " + answer);
                    }
                }
                case CLIENT_WINDOW -> {
                    if (value == null || windowBits(value) != JAVA_WINDOW_BITS) {
                        throw new IllegalArgumentException("the server asked for a " + CLIENT_WINDOW
                                + " this compressor cannot use: " + answer);
                    }
                }
                default -> throw new IllegalArgumentException("unknown parameter " + parameter.getKey());
            }
            if (value != null && (parameter.getKey().equals(SERVER_NO_CONTEXT)
                    || parameter.getKey().equals(CLIENT_NO_CONTEXT))) {
                throw new IllegalArgumentException("a value for " + parameter.getKey());
            }
        }
        if (noContextTakeover && !serverNoContext) {
            throw new IllegalArgumentException("the server ignored " + SERVER_NO_CONTEXT);
        }
        return new Agreement(serverNoContext, clientNoContext, header);
    }

    /** Returns the window size in {@code value}, 8 to 15, or -1 if it is not one. */
    private static int windowBits(String value) {
        if (value.length() < 1 || value.length() > 2 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }
}
