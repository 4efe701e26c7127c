package org.twisted4j.mail.imap4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session's view of its selected mailbox: the messages by sequence number as the client last heard of them,
 * and their flags, so changes made by others are reported as EXISTS, EXPUNGE and FETCH. Package-private; reactor
 * thread only.
 */
final class Selection implements ImapMailbox.Listener {

    final String name;
    final ImapMailbox mailbox;
    final boolean readOnly;
    final List<ImapMessage> view = new ArrayList<>();
    private final Map<Long, Set<String>> known = new HashMap<>();
    private final Runnable onChange;
    /** Whether the session has CONDSTORE on: unsolicited FETCHes then carry MODSEQ. */
    boolean condstore;

    Selection(String name, ImapMailbox mailbox, boolean readOnly, Runnable onChange) {
        this.name = name;
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.onChange = onChange;
        for (ImapMessage m : mailbox.messages()) {
            view.add(m);
            known.put(m.uid(), m.flags());
        }
        mailbox.addListener(this);
    }

    @Override
    public void changed() {
        onChange.run();
    }

    void close() {
        mailbox.removeListener(this);
    }

    long maxUid() {
        return view.isEmpty() ? 0 : view.get(view.size() - 1).uid();
    }

    /** Notes the flags the client has been told. */
    void told(ImapMessage message) {
        known.put(message.uid(), message.flags());
    }

    /**
     * Returns the untagged responses that bring the client up to date, and updates the view.
     *
     * @param expunges whether EXPUNGE may be sent now (not during FETCH, STORE or SEARCH)
     */
    List<String> sync(boolean expunges) {
        List<String> out = new ArrayList<>();
        List<ImapMessage> now = mailbox.messages();
        Set<Long> present = new HashSet<>();
        Map<Long, ImapMessage> byUid = new HashMap<>();
        for (ImapMessage m : now) {
            present.add(m.uid());
            byUid.put(m.uid(), m);
        }
        if (expunges) {
            for (int i = view.size() - 1; i >= 0; i--) {
                if (!present.contains(view.get(i).uid())) {
                    out.add("* " + (i + 1) + " EXPUNGE");
                    known.remove(view.get(i).uid());
                    view.remove(i);
                }
            }
        }
        for (int i = 0; i < view.size(); i++) {
            ImapMessage current = byUid.get(view.get(i).uid());
            if (current != null) {
                view.set(i, current);
                Set<String> flags = current.flags();
                if (!flags.equals(known.get(current.uid()))) {
                    known.put(current.uid(), flags);
                    out.add("* " + (i + 1) + " FETCH (FLAGS " + Fetch.flags(flags)
                            + (condstore ? " MODSEQ (" + current.modseq() + ")" : "") + ")");
                }
            }
        }
        long max = maxUid();
        boolean added = false;
        for (ImapMessage m : now) {
            if (m.uid() > max) {
                view.add(m);
                known.put(m.uid(), m.flags());
                added = true;
            }
        }
        if (added) {
            out.add("* " + view.size() + " EXISTS");
        }
        return out;
    }
}
