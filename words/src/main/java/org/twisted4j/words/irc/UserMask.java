package org.twisted4j.words.irc;

/**
 * A message source, {@code nick!user@host} (Twisted splits it the same way): a prefix without {@code !} or
 * {@code @} is a bare nick or server name, with the missing parts empty.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param nick the nick (or server name)
 * @param user the user name, or {@code ""}
 * @param host the host, or {@code ""}
 */
public record UserMask(String nick, String user, String host) {

    /** Splits a prefix; never fails: what is not there is empty. */
    public static UserMask parse(String prefix) {
        int bang = prefix.indexOf('!');
        int at = prefix.indexOf('@', bang < 0 ? 0 : bang);
        if (bang < 0) {
            return at < 0 ? new UserMask(prefix, "", "") : new UserMask(prefix.substring(0, at), "", prefix.substring(at + 1));
        }
        String nick = prefix.substring(0, bang);
        return at < 0 ? new UserMask(nick, prefix.substring(bang + 1), "")
                : new UserMask(nick, prefix.substring(bang + 1, at), prefix.substring(at + 1));
    }

    @Override
    public String toString() {
        return nick + (user.isEmpty() ? "" : "!" + user) + (host.isEmpty() ? "" : "@" + host);
    }
}
