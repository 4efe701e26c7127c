package org.twisted4j.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;

/**
 * Formats a finished request as one line of the Combined Log Format, as twisted.web's access log writes it:
 * {@code client - - [time] "METHOD uri PROTO" status bytes "referer" "user-agent"}.
 */
final class CombinedLogFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private CombinedLogFormat() {
    }

    /** Returns the line for {@code request}, finished at {@code when}. */
    static String line(Request request, Instant when) {
        Address peer = request.getClientAddress();
        String host = switch (peer) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> "-";
        };
        String referer = request.getHeader("Referer");
        String agent = request.getHeader("User-Agent");
        return host + " - - [" + TIME.format(when) + "] \"" + quote(request.getMethod() + " "
                + request.getUri() + " " + request.getClientProto()) + "\" " + request.getResponseCode() + " "
                + (request.bytesSent() > 0 ? Long.toString(request.bytesSent()) : "-") + " \""
                + (referer == null ? "-" : quote(referer)) + "\" \"" + (agent == null ? "-" : quote(agent)) + "\"";
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
