package org.twisted4j.mail.imap4;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes an RFC 5322 address list as ENVELOPE's list of {@code (name adl mailbox host)}, with groups as RFC 3501
 * says (a start with NIL host, an end with NIL mailbox). Package-private; any thread.
 */
final class Addresses {

    private Addresses() {
    }

    static String list(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return "NIL";
        }
        List<String> out = new ArrayList<>();
        for (String item : splitTop(header, ',')) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            int colon = indexOutsideQuotes(text, ':');
            if (colon > 0 && indexOutsideQuotes(text, '<') < 0 || colon > 0 && colon < indexOutsideQuotes(text, '<')) {
                String group = text.substring(0, colon).trim();
                out.add("(NIL NIL " + ImapWire.quote(unquote(group)) + " NIL)");
                String rest = text.substring(colon + 1);
                boolean ends = rest.trim().endsWith(";");
                if (ends) {
                    rest = rest.substring(0, rest.lastIndexOf(';'));
                }
                for (String member : rest.split(",")) {
                    if (!member.isBlank()) {
                        out.add(address(member.trim()));
                    }
                }
                if (ends) {
                    out.add("(NIL NIL NIL NIL)");
                }
                continue;
            }
            boolean ends = text.endsWith(";");
            if (ends) {
                text = text.substring(0, text.length() - 1).trim();
            }
            if (!text.isEmpty()) {
                out.add(address(text));
            }
            if (ends) {
                out.add("(NIL NIL NIL NIL)");
            }
        }
        return out.isEmpty() ? "NIL" : "(" + String.join("", out) + ")";
    }

    private static String address(String text) {
        String name = null;
        String spec = text;
        int lt = indexOutsideQuotes(text, '<');
        if (lt >= 0) {
            int gt = text.indexOf('>', lt);
            spec = text.substring(lt + 1, gt < 0 ? text.length() : gt).trim();
            String display = text.substring(0, lt).trim();
            name = display.isEmpty() ? null : unquote(display);
        } else {
            int paren = text.indexOf('(');
            if (paren > 0 && text.endsWith(")")) {
                name = text.substring(paren + 1, text.length() - 1).trim();
                spec = text.substring(0, paren).trim();
            }
        }
        String adl = null;
        if (spec.startsWith("@")) {
            int colon = spec.indexOf(':');
            if (colon > 0) {
                adl = spec.substring(0, colon);
                spec = spec.substring(colon + 1);
            }
        }
        int at = spec.lastIndexOf('@');
        String mailbox = at < 0 ? spec : spec.substring(0, at);
        String host = at < 0 ? null : spec.substring(at + 1);
        return "(" + ImapWire.nstring(name) + " " + ImapWire.nstring(adl) + " "
                + ImapWire.nstring(unquote(mailbox)) + " " + ImapWire.nstring(host) + ")";
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** Splits at {@code sep} outside quotes, angle brackets, comments, and (for commas) group bodies. */
    private static List<String> splitTop(String text, char sep) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        boolean inGroup = false;
        int angle = 0;
        int paren = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '<' -> angle++;
                case '>' -> angle = Math.max(0, angle - 1);
                case '(' -> paren++;
                case ')' -> paren = Math.max(0, paren - 1);
                case ':' -> inGroup = angle == 0 && paren == 0 || inGroup;
                case ';' -> {
                    if (angle == 0 && paren == 0) {
                        inGroup = false;
                    }
                }
                default -> { }
            }
            if (c == sep && angle == 0 && paren == 0 && !inGroup) {
                out.add(text.substring(from, i));
                from = i + 1;
            }
        }
        out.add(text.substring(from));
        return out;
    }
}
