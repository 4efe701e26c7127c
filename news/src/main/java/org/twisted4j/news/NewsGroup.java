package org.twisted4j.news;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A newsgroup as a storage reports it: its name, its article numbers (RFC 3977 §6.1.1: an empty group has
 * {@code high == low - 1}), whether posting is allowed, when it was made, its one-line description and, for a
 * moderated group, its moderator's address. Immutable.
 *
 * @param name the group's name, such as {@code comp.lang.java}
 * @param low the lowest article number present, or the next number if there is none
 * @param high the highest article number ever given
 * @param count how many articles are present
 * @param status whether posting is allowed
 * @param created when the group was made
 * @param description what the group is for, possibly empty
 * @param moderator where posts to a moderated group go, or null
 */
public record NewsGroup(String name, long low, long high, long count, PostingStatus status, Instant created,
        String description, @Nullable String moderator) {

    /**
     * Checks a group's name: one or more dot-separated parts of printable ASCII without wildmat characters
     * (RFC 3977 §4.1, RFC 5536 §3.1.4).
     *
     * @param name the name
     * @return whether it is a valid group name
     */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > 497 || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        return name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "*?[]!,\\:/".indexOf(c) < 0);
    }
}
