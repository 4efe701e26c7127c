package org.twisted4j.internet.endpoints;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Recognises IP address literals without ever asking a name server. */
final class IpLiterals {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private IpLiterals() {
    }

    /** Returns the address {@code text} spells, or null if it is not a dotted-quad IPv4 or an IPv6 literal. */
    static @Nullable InetAddress parse(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !IPV6_CHARACTERS.matcher(text).matches()) {
            return null;
        }
        try {
            // Only literals reach this point, and the JDK parses a literal without a lookup.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Returns whether {@code text} is an IPv6 literal. */
    static boolean isIPv6(String text) {
        return text.indexOf(':') >= 0 && parse(text) != null;
    }
}
