package org.twisted4j.names;

/**
 * The DNS cookie option (RFC 7873): an 8-octet client cookie, and a server cookie of 8 to 32 octets or none.
 *
 * <p>Immutable; any thread.
 */
public record CookieOption(ByteString client, ByteString server) implements EdnsOption {

    /**
     * Checks the lengths.
     *
     * @throws IllegalArgumentException if the client cookie is not 8 octets, or the server cookie neither empty
     *         nor 8 to 32 octets
     */
    public CookieOption {
        java.util.Objects.requireNonNull(client, "client");
        java.util.Objects.requireNonNull(server, "server");
        if (client.length() != 8) {
            throw new IllegalArgumentException("client cookie of " + client.length() + " octets (8)");
        }
        if (server.length() != 0 && (server.length() < 8 || server.length() > 32)) {
            throw new IllegalArgumentException("server cookie of " + server.length() + " octets (8 to 32)");
        }
    }

    @Override
    public int code() {
        return COOKIE;
    }

    @Override
    public String toText() {
        return "COOKIE " + client.hex() + server.hex();
    }
}
