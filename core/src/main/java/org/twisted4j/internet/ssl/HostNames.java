package org.twisted4j.internet.ssl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Telling IP literals from host names without ever asking DNS. */
final class HostNames {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");

    private HostNames() {
    }

    /** Returns the address an IPv4 or IPv6 literal (brackets allowed) stands for, or null for anything else. */
    static @Nullable InetAddress ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean literal = IPV4.matcher(bare).matches()
                || (bare.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(bare).matches());
        if (!literal) {
            return null;
        }
        try {
            return InetAddress.getByName(bare); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
