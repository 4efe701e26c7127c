package org.twisted4j.words.irc;

import java.util.Map;

/**
 * One entry of a NAMES reply: the nick and its membership prefixes, all of them when the server has
 * {@code multi-prefix} ({@code @+nick}), and the user and host when it has {@code userhost-in-names}.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param nick the nick
 * @param prefixes the membership prefix characters, highest first, such as {@code "@+"}, or {@code ""}
 * @param mask the full {@code nick!user@host} when the server gave it, else the nick
 */
public record ChannelMember(String nick, String prefixes, String mask) {

    /**
     * Splits a NAMES entry using the prefixes the server announced (ISUPPORT {@code PREFIX}).
     *
     * @param entry the entry, such as {@code @+nick} or {@code @nick!user@host}
     * @param prefixSymbols mode letter to prefix symbol
     */
    public static ChannelMember parse(String entry, Map<Character, Character> prefixSymbols) {
        int i = 0;
        while (i < entry.length() && prefixSymbols.containsValue(entry.charAt(i))) {
            i++;
        }
        String mask = entry.substring(i);
        return new ChannelMember(UserMask.parse(mask).nick(), entry.substring(0, i), mask);
    }
}
