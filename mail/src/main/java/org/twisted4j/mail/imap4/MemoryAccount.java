package org.twisted4j.mail.imap4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An account held in memory, as Twisted's {@code MemoryAccount}: for tests and examples.
 *
 * <p>Threading: reactor thread only.
 */
public final class MemoryAccount implements ImapAccount {

    private final Map<String, Box> boxes = new TreeMap<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final Map<String, Set<String>> uses = new TreeMap<>();
    private long nextValidity = 1;

    /** Makes an account with an empty INBOX. */
    public MemoryAccount() {
        boxes.put("INBOX", new Box(nextValidity++));
    }

    private static String canonical(String name) {
        return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    }

    @Override
    public List<String> mailboxes() {
        return List.copyOf(boxes.keySet());
    }

    @Override
    public @Nullable ImapMailbox mailbox(String name) {
        return boxes.get(canonical(name));
    }

    @Override
    public boolean create(String name) {
        String n = canonical(name);
        while (n.endsWith(String.valueOf(DELIMITER))) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || boxes.containsKey(n)) {
            return false;
        }
        int at = n.indexOf(DELIMITER);
        while (at > 0) {
            boxes.putIfAbsent(n.substring(0, at), new Box(nextValidity++));
            at = n.indexOf(DELIMITER, at + 1);
        }
        boxes.put(n, new Box(nextValidity++));
        return true;
    }

    @Override
    public boolean create(String name, Set<String> specialUse) {
        if (!create(name)) {
            return false;
        }
        uses.put(canonical(name), Set.copyOf(specialUse));
        return true;
    }

    @Override
    public Set<String> specialUse(String name) {
        return uses.getOrDefault(canonical(name), SpecialUse.byName(canonical(name)));
    }

    @Override
    public boolean delete(String name) {
        String n = canonical(name);
        return !n.equals("INBOX") && boxes.remove(n) != null;
    }

    @Override
    public boolean rename(String from, String to) {
        String f = canonical(from);
        String t = canonical(to);
        if (!boxes.containsKey(f) || boxes.containsKey(t) || t.equals("INBOX")) {
            return false;
        }
        for (String name : List.copyOf(boxes.keySet())) {
            if (name.equals(f) || name.startsWith(f + DELIMITER)) {
                Box box = boxes.remove(name);
                boxes.put(t + name.substring(f.length()), box);
            }
        }
        if (f.equals("INBOX")) {
            boxes.put("INBOX", new Box(nextValidity++));
        }
        return true;
    }

    @Override
    public List<String> subscriptions() {
        return List.copyOf(subscribed);
    }

    @Override
    public void subscribe(String name) {
        subscribed.add(canonical(name));
    }

    @Override
    public void unsubscribe(String name) {
        subscribed.remove(canonical(name));
    }

    /** A message held in memory. */
    private record Message(long uid, Set<String> flagSet, Instant internalDate, byte[] data, long[] seq)
            implements ImapMessage {
        @Override
        public long modseq() {
            return seq[0];
        }

        @Override
        public Set<String> flags() {
            return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(flagSet));
        }

        @Override
        public byte[] bytes() {
            return data.clone();
        }

        @Override
        public long size() {
            return data.length;
        }
    }

    /** A mailbox held in memory. */
    private static final class Box implements ImapMailbox {
        private final long validity;
        private final List<Message> messages = new ArrayList<>();
        private final List<Listener> listeners = new ArrayList<>();
        private long next = 1;
        private long highest = 1;

        Box(long validity) {
            this.validity = validity;
        }

        @Override
        public long uidValidity() {
            return validity;
        }

        @Override
        public long uidNext() {
            return next;
        }

        @Override
        public long highestModseq() {
            return highest;
        }

        @Override
        public List<ImapMessage> messages() {
            return List.copyOf(messages);
        }

        @Override
        public Set<String> flags() {
            return new LinkedHashSet<>(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"));
        }

        @Override
        public long append(byte[] bytes, Set<String> flags, Instant date) {
            long uid = next++;
            messages.add(new Message(uid, new LinkedHashSet<>(flags), date, bytes.clone(), new long[] {++highest}));
            changed();
            return uid;
        }

        @Override
        public void setFlags(ImapMessage message, Set<String> flags) {
            for (Message m : messages) {
                if (m.uid() == message.uid()) {
                    m.flagSet().clear();
                    m.flagSet().addAll(flags);
                    m.seq()[0] = ++highest;
                }
            }
            changed();
        }

        @Override
        public List<Long> expunge(@Nullable Set<Long> uids) {
            List<Long> gone = new ArrayList<>();
            messages.removeIf(m -> {
                boolean remove = m.flagSet().contains("\\Deleted") && (uids == null || uids.contains(m.uid()));
                if (remove) {
                    gone.add(m.uid());
                }
                return remove;
            });
            if (!gone.isEmpty()) {
                highest++;
                changed();
            }
            return gone;
        }

        private void changed() {
            for (Listener l : List.copyOf(listeners)) {
                l.changed();
            }
        }

        @Override
        public void addListener(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(Listener listener) {
            listeners.remove(listener);
        }

        @Override
        public String toString() {
            return "Box(" + validity + ", " + messages.size() + ")".toLowerCase(Locale.ROOT);
        }
    }
}
