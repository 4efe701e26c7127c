package org.twisted4j.mail.imap4;

import java.util.ArrayList;
import java.util.List;
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
    /** What the client was told of each message of {@link #view}, at the same index. */
    private final List<Told> told = new ArrayList<>();
    private final Runnable onChange;
    /** Whether the session has CONDSTORE on: unsolicited FETCHes then carry MODSEQ. */
    boolean condstore;

    /** The flags and MODSEQ of a message as the client last heard them. */
    private record Told(Set<String> flags, long modseq) {
        static Told of(ImapMessage message) {
            return new Told(message.flags(), message.modseq());
        }
    }

    Selection(String name, ImapMailbox mailbox, boolean readOnly, Runnable onChange) {
        this.name = name;
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.onChange = onChange;
        for (ImapMessage m : mailbox.messages()) {
            view.add(m);
            told.add(Told.of(m));
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
        int i = Uids.indexOf(view, message.uid());
        if (i >= 0) {
            told.set(i, Told.of(message));
        }
    }

    /**
     * Returns the untagged responses that bring the client up to date, and updates the view.
     *
     * @param expunges whether EXPUNGE may be sent now (not during FETCH, STORE or SEARCH)
     */
    List<String> sync(boolean expunges) {
        List<String> out = new ArrayList<>();
        List<ImapMessage> now = mailbox.messages();
        // Both lists are in ascending UID order: walk them side by side, without maps of the whole mailbox.
        if (expunges) {
            List<Integer> gone = new ArrayList<>();
            int j = 0;
            for (int i = 0; i < view.size(); i++) {
                long uid = view.get(i).uid();
                while (j < now.size() && now.get(j).uid() < uid) {
                    j++;
                }
                if (j >= now.size() || now.get(j).uid() != uid) {
                    gone.add(i);
                }
            }
            for (int k = gone.size() - 1; k >= 0; k--) {
                int i = gone.get(k);
                out.add("* " + (i + 1) + " EXPUNGE");
                told.remove(i);
                view.remove(i);
            }
        }
        int j = 0;
        for (int i = 0; i < view.size(); i++) {
            long uid = view.get(i).uid();
            while (j < now.size() && now.get(j).uid() < uid) {
                j++;
            }
            if (j >= now.size() || now.get(j).uid() != uid) {
                continue;
            }
            ImapMessage current = now.get(j);
            view.set(i, current);
            long modseq = current.modseq();
            Told before = told.get(i);
            if (modseq != 0 && before.modseq() == modseq) {
                continue; // unchanged since the client was told: no need to compare flags
            }
            Set<String> flags = current.flags();
            if (!flags.equals(before.flags())) {
                out.add("* " + (i + 1) + " FETCH (FLAGS " + Fetch.flags(flags)
                        + (condstore ? " MODSEQ (" + modseq + ")" : "") + ")");
            }
            told.set(i, new Told(flags, modseq));
        }
        long max = maxUid();
        boolean added = false;
        for (int k = now.size() - 1; k >= 0 && now.get(k).uid() > max; k--) {
            added = true;
        }
        if (added) {
            for (ImapMessage m : now) {
                if (m.uid() > max) {
                    view.add(m);
                    told.add(Told.of(m));
                }
            }
            out.add("* " + view.size() + " EXISTS");
        }
        return out;
    }
}
