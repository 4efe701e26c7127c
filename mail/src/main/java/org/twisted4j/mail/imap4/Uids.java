package org.twisted4j.mail.imap4;

import java.util.List;

/** Lookups in lists of messages kept in ascending UID order, as mailboxes and sessions keep them. Package-private. */
final class Uids {

    private Uids() {
    }

    /** Returns the index of the message with {@code uid} in {@code messages} (ascending UIDs), or -1: a binary search. */
    static int indexOf(List<? extends ImapMessage> messages, long uid) {
        int low = 0;
        int high = messages.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = messages.get(mid).uid();
            if (at < uid) {
                low = mid + 1;
            } else if (at > uid) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
