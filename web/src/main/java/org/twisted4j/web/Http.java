package org.twisted4j.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twisted4j.web.internal.Framing;
import org.twisted4j.web.internal.HeadLines;

/** Small HTTP helpers shared inside the package: character classes, reason phrases, decoding, dates. */
final class Http {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private Http() {
    }

    static boolean isTokenChar(int c) {
        return HeadLines.isTokenChar(c);
    }

    /** Formats an instant as an IMF-fixdate, as the Date header wants. */
    static String formatDate(long epochSecond) {
        return HTTP_DATE.format(Instant.ofEpochSecond(epochSecond));
    }

    static String reasonPhrase(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Unknown Status";
        };
    }

    /**
     * Decodes %XX escapes (and, if asked, '+' as a space) and reads the bytes as UTF-8; a malformed escape is
     * kept as it stands.
     */
    static String percentDecode(String text, int from, int to, boolean plusIsSpace) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+')) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return text.substring(from, to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c == '%' && hex(text, i + 1, to) >= 0 && hex(text, i + 2, to) >= 0) {
                out.write(hex(text, i + 1, to) * 16 + hex(text, i + 2, to));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String text, int at, int to) {
        if (at >= to) {
            return -1;
        }
        return hexValue(text.charAt(at));
    }

    /** Returns the value of an ASCII hex digit, or -1. */
    static int hexValue(int c) {
        return Framing.hexValue(c);
    }

    /** Parses {@code a=1&b=2&a=3} into a map of lists, keeping order and repeats. */
    static void parseQuery(String query, Map<String, List<String>> into) {
        int start = 0;
        int n = query.length();
        while (start <= n) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                int eq = query.indexOf('=', start);
                String key;
                String value;
                if (eq < 0 || eq > end) {
                    key = percentDecode(query, start, end, true);
                    value = "";
                } else {
                    key = percentDecode(query, start, eq, true);
                    value = percentDecode(query, eq + 1, end, true);
                }
                into.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
    }

    static Map<String, List<String>> newArgs() {
        return new LinkedHashMap<>();
    }

    /** Escapes text for an HTML body. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
