package org.twisted4j.words.xmpp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One contact of a roster (RFC 6121 §2.1.2).
 *
 * @param jid the contact's bare JID
 * @param name the user's name for the contact, or null
 * @param subscription {@code none}, {@code to}, {@code from}, {@code both} or {@code remove}
 * @param ask {@code subscribe} if a subscription request is pending, else null
 * @param groups the groups the contact is in
 */
public record RosterItem(Jid jid, @Nullable String name, String subscription, @Nullable String ask,
        List<String> groups) {
}
