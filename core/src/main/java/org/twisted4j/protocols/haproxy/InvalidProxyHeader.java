package org.twisted4j.protocols.haproxy;

/**
 * A connection's first bytes are not a PROXY protocol header this server accepts, as Twisted's
 * {@code InvalidProxyHeader}: neither the version 1 text line nor the version 2 binary signature, a header
 * over its length limit, a field out of the specification's range (address family, command, address,
 * port, a TLV that overruns the header, a CRC32C that does not match).
 *
 * <p>It is the only error {@link ProxyHeaderParser} throws; the message names what is wrong. A server that
 * meets it drops the connection.
 *
 * <h2>Threading</h2>
 * Any thread: immutable.
 */
public final class InvalidProxyHeader extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the error.
     *
     * @param message what is wrong with the header, such as {@code "v1 port '70000' is out of range"}
     */
    public InvalidProxyHeader(String message) {
        super(message);
    }
}
