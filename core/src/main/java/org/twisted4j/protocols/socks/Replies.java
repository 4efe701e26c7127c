package org.twisted4j.protocols.socks;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionRefusedError;
import org.twisted4j.internet.ConnectionTimeoutError;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;

/** The bytes of SOCKS replies and the codes they carry. */
final class Replies {

    static final int SOCKS4_GRANTED = 90;
    static final int SOCKS4_REJECTED = 91;

    static final int SUCCEEDED = 0x00;
    static final int GENERAL_FAILURE = 0x01;
    static final int NETWORK_UNREACHABLE = 0x03;
    static final int HOST_UNREACHABLE = 0x04;
    static final int CONNECTION_REFUSED = 0x05;
    static final int COMMAND_NOT_SUPPORTED = 0x07;
    static final int ADDRESS_TYPE_NOT_SUPPORTED = 0x08;

    static final int NO_ACCEPTABLE_METHODS = 0xff;

    private Replies() {
    }

    /** A SOCKS4 reply: version 0, the code, and the bound port and IPv4 address (zeros if none). */
    static byte[] socks4(int code, @Nullable Address bound) {
        byte[] reply = new byte[8];
        reply[1] = (byte) code;
        if (bound instanceof IPv4Address v4) {
            putPort(reply, 2, v4.port());
            System.arraycopy(addressBytes(v4.host()), 0, reply, 4, 4);
        }
        return reply;
    }

    /** A SOCKS5 reply: the code and the bound address, IPv4 zeros if none. */
    static byte[] socks5(int code, @Nullable Address bound) {
        if (bound instanceof IPv6Address v6) {
            byte[] reply = new byte[22];
            header(reply, code, 4);
            System.arraycopy(addressBytes(v6.host()), 0, reply, 4, 16);
            putPort(reply, 20, v6.port());
            return reply;
        }
        byte[] reply = new byte[10];
        header(reply, code, 1);
        if (bound instanceof IPv4Address v4) {
            System.arraycopy(addressBytes(v4.host()), 0, reply, 4, 4);
            putPort(reply, 8, v4.port());
        }
        return reply;
    }

    private static void header(byte[] reply, int code, int addressType) {
        reply[0] = 5;
        reply[1] = (byte) code;
        reply[3] = (byte) addressType;
    }

    private static void putPort(byte[] reply, int at, int port) {
        reply[at] = (byte) (port >> 8);
        reply[at + 1] = (byte) port;
    }

    /** The bytes of an IP literal; never a lookup, since addresses of transports are literals. */
    private static byte[] addressBytes(String literal) {
        int scope = literal.indexOf('%');
        try {
            return InetAddress.getByName(scope < 0 ? literal : literal.substring(0, scope)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    /** The SOCKS5 reply code that best says why a connection could not be made. */
    static int codeFor(Failure reason) {
        Throwable error = reason.value();
        if (error instanceof ConnectionRefusedError) {
            return CONNECTION_REFUSED;
        }
        if (error instanceof DNSLookupError || error instanceof ConnectionTimeoutError
                || error instanceof UnknownHostException) {
            return HOST_UNREACHABLE;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoRouteToHostException) {
                return HOST_UNREACHABLE;
            }
            if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("Network is unreachable")) {
                return NETWORK_UNREACHABLE;
            }
            if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("refused")) {
                return CONNECTION_REFUSED;
            }
        }
        return GENERAL_FAILURE;
    }

    /** Says what a reply code means, for the log. */
    static String describe(int socks5Code) {
        return switch (socks5Code) {
            case SUCCEEDED -> "granted";
            case NETWORK_UNREACHABLE -> "network unreachable";
            case HOST_UNREACHABLE -> "host unreachable";
            case CONNECTION_REFUSED -> "connection refused";
            case COMMAND_NOT_SUPPORTED -> "command not supported";
            case ADDRESS_TYPE_NOT_SUPPORTED -> "address type not supported";
            default -> "general failure";
        };
    }
}
