package org.twisted4j.news;

/** Message-id syntax (RFC 3977 §3.6, RFC 5536 §3.1.3): {@code <local@domain>}, printable ASCII, at most 250 octets. */
final class MessageIds {

    /** The longest message-id, in octets (RFC 3977 §3.6). */
    static final int MAX_LENGTH = 250;

    private MessageIds() {
    }

    /** Returns whether {@code text} is a message-id. */
    static boolean isValid(String text) {
        int length = text.length();
        if (length < 3 || length > MAX_LENGTH || text.charAt(0) != '<' || text.charAt(length - 1) != '>') {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>') {
                return false;
            }
        }
        int at = text.indexOf('@');
        return at > 1 && at < length - 2;
    }

    /** Returns whether a command's argument is a message-id rather than a number or range (it starts with '<'). */
    static boolean looksLikeOne(String argument) {
        return argument.startsWith("<");
    }
}
