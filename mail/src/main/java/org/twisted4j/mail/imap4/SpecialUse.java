package org.twisted4j.mail.imap4;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The special-use attributes of RFC 6154 this server knows, and the mailbox names that have them when nothing
 * else was recorded (as Dovecot's default configuration names them). Package-private.
 */
final class SpecialUse {

    /** The attributes CREATE-SPECIAL-USE accepts. */
    static final List<String> ATTRIBUTES = List.of("\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash");

    private SpecialUse() {
    }

    /** Returns the attribute in its canonical case, or null if it is not one this server records. */
    static @Nullable String canonical(String attribute) {
        for (String known : ATTRIBUTES) {
            if (known.equalsIgnoreCase(attribute)) {
                return known;
            }
        }
        return null;
    }

    /** Returns the attribute a top-level mailbox of this name has by default: Sent, Drafts, Trash, Junk, Archive. */
    static Set<String> byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sent", "sent messages" -> Set.of("\\Sent");
            case "drafts" -> Set.of("\\Drafts");
            case "trash", "deleted messages" -> Set.of("\\Trash");
            case "junk", "spam" -> Set.of("\\Junk");
            case "archive" -> Set.of("\\Archive");
            default -> Set.of();
        };
    }
}
