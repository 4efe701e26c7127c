package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.logger.Logger;
import org.twisted4j.mail.maildir.Maildir;

/**
 * One Maildir++ folder as an IMAP mailbox: the messages of {@code cur/} and {@code new/}, their flags in the
 * {@code :2,} part of each file's name ({@code D F R S T} for {@code \Draft \Flagged \Answered \Seen \Deleted},
 * {@code a}..{@code z} for the folder's keywords, listed in {@value #KEYWORDS}), and UIDs, MODSEQs and UIDVALIDITY
 * in the {@link UidList}.
 *
 * <h2>Seeing changes</h2>
 * Changes made through this object are told to its listeners at once. Changes made by anything else (a delivery
 * by SMTP into {@code new/}, another program renaming or deleting files) are found by a rescan, run when the
 * folder is looked up and, while any session has it selected, by a poll on the reactor clock every
 * {@value #POLL_INTERVAL} s. A lookup or a poll only rereads the directories when {@code new/} or {@code cur/}
 * changed their modification times, or did so too lately for a second change to show in them (those times
 * advance by clock ticks, or by whole seconds on some file systems). A poll, rather than a
 * {@link java.nio.file.WatchService}, keeps everything on the reactor thread without a watcher thread, works on
 * file systems without inotify, and is driven by a {@code Clock} in tests; a second is what the folder promises.
 *
 * <p>While a session has the folder selected, a rescan moves new messages from {@code new/} to {@code cur/}.
 *
 * <p>Each message keeps its decoded flags until its file is renamed, and its parsed MIME structure (for FETCH and
 * SEARCH) behind a soft reference, so that the garbage collector can take it back: a Maildir file's content never
 * changes.
 *
 * <p>Threading: reactor thread only; the disk work is done there (a local Maildir is quick).
 * Package-private.
 */
final class MaildirFolder implements ImapMailbox {

    /** Seconds between polls of a selected folder. */
    static final double POLL_INTERVAL = 0.5;
    /** The file listing the folder's keywords, one {@code INDEX NAME} line each ({@code 0} is letter {@code a}). */
    static final String KEYWORDS = "twisted4j-keywords";

    /** How long a change may hide behind an unchanged modification time where those count whole seconds. */
    static final long COARSE_TIMES_MILLIS = 2000;
    /** The same where modification times carry fractions of a second. */
    static final long FINE_TIMES_MILLIS = 100;

    private static final Logger log = new Logger("imap4");
    private static final AtomicLong LAST_VALIDITY = new AtomicLong();
    private static final String SYSTEM_LETTERS = "DFRST";
    private static final List<String> SYSTEM_FLAGS =
            List.of("\\Draft", "\\Flagged", "\\Answered", "\\Seen", "\\Deleted");

    private final Path dir;
    private final Maildir maildir;
    private final ReactorTime clock;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byBase = new HashMap<>();
    private final List<String> keywords = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private long validity;
    private long next = 1;
    private long highestModseq = 1;
    private @Nullable DelayedCall poll;
    private @Nullable DelayedCall flush;
    private long stamp;
    private boolean deleted;

    /** A message of the folder; mutable, as its file is renamed when its flags change. */
    final class Entry implements ImapMessage {
        final long uid;
        String base;
        String sub;
        String name;
        long modseq;
        long size;
        Instant date;
        /** The flags decoded from {@link #flagsOf} with {@link #flagsKeywords} keywords known, kept until either changes. */
        private @Nullable Set<String> flags;
        private @Nullable String flagsOf;
        private int flagsKeywords;
        /** The parsed file, kept while memory allows: a Maildir file's content never changes, only its name. */
        private @Nullable SoftReference<MimeStructure> structure;

        Entry(long uid, String base, String sub, String name, long modseq, long size, Instant date) {
            this.uid = uid;
            this.base = base;
            this.sub = sub;
            this.name = name;
            this.modseq = modseq;
            this.size = size;
            this.date = date;
        }

        @Override
        public long uid() {
            return uid;
        }

        @Override
        public Set<String> flags() {
            Set<String> decoded = flags;
            if (decoded == null || !name.equals(flagsOf) || flagsKeywords != keywords.size()) {
                decoded = Collections.unmodifiableSet(decode(letters(name)));
                flags = decoded;
                flagsOf = name;
                flagsKeywords = keywords.size();
            }
            return decoded;
        }

        @Override
        public MimeStructure structure() {
            MimeStructure parsed = structure == null ? null : structure.get();
            if (parsed == null) {
                byte[] bytes = bytes();
                parsed = MimeStructure.parse(bytes);
                if (bytes.length > 0) {
                    structure = new SoftReference<>(parsed);
                }
            }
            return parsed;
        }

        @Override
        public Instant internalDate() {
            return date;
        }

        @Override
        public byte[] bytes() {
            try {
                return Files.readAllBytes(dir.resolve(sub).resolve(name));
            } catch (NoSuchFileException gone) {
                return new byte[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public long modseq() {
            return modseq;
        }
    }

    private MaildirFolder(Path dir, Maildir maildir, ReactorTime clock) {
        this.dir = dir;
        this.maildir = maildir;
        this.clock = clock;
    }

    /** Opens a folder, making its directories and reading its lists, then scans it. */
    static MaildirFolder open(Path dir, ReactorTime clock) throws IOException {
        MaildirFolder folder = new MaildirFolder(dir, Maildir.open(dir), clock);
        folder.load();
        folder.rescan();
        return folder;
    }

    Path directory() {
        return dir;
    }

    private void load() throws IOException {
        Path keywordFile = dir.resolve(KEYWORDS);
        if (Files.exists(keywordFile)) {
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            for (String line : Files.readAllLines(keywordFile, UTF_8)) {
                int space = line.indexOf(' ');
                try {
                    if (space > 0) {
                        byIndex.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
                    }
                } catch (NumberFormatException e) {
                    // a line we did not write: ignore it
                }
            }
            for (var e : byIndex.entrySet()) {
                while (keywords.size() < e.getKey() && keywords.size() < 26) {
                    keywords.add("");
                }
                if (keywords.size() < 26) {
                    keywords.add(e.getValue());
                }
            }
        }
        UidList list = UidList.read(dir);
        if (list == null) {
            validity = newValidity();
            return;
        }
        validity = list.validity;
        next = list.next;
        highestModseq = list.highestModseq;
        for (UidList.Line line : list.lines) {
            // Where the file is now is found by the scan; the name held meanwhile keeps the flags last recorded.
            Entry entry = new Entry(line.uid(), line.base(), "cur", line.base() + ":2," + line.flags(), line.modseq(),
                    -1, Instant.EPOCH);
            entries.add(entry);
            byBase.put(line.base(), entry);
        }
    }

    private static long newValidity() {
        long now = System.currentTimeMillis() / 1000;
        return LAST_VALIDITY.updateAndGet(last -> Math.max(now, last + 1));
    }

    /** The part of a file name before its info ({@code :2,...}). */
    static String base(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The flag letters of a file name. */
    static String letters(String name) {
        int info = name.indexOf(":2,");
        return info < 0 ? "" : name.substring(info + 3);
    }

    private Set<String> decode(String letters) {
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 0; i < letters.length(); i++) {
            char ch = letters.charAt(i);
            int system = SYSTEM_LETTERS.indexOf(ch);
            if (system >= 0) {
                flags.add(SYSTEM_FLAGS.get(system));
            } else if (ch >= 'a' && ch <= 'z' && ch - 'a' < keywords.size() && !keywords.get(ch - 'a').isEmpty()) {
                flags.add(keywords.get(ch - 'a'));
            }
        }
        return flags;
    }

    /** The letters of flags, sorted as the format asks; letters we do not know in {@code kept} are kept. */
    private String encode(Set<String> flags, String kept) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kept.length(); i++) {
            char ch = kept.charAt(i);
            boolean ours = SYSTEM_LETTERS.indexOf(ch) >= 0 || (ch >= 'a' && ch <= 'z' && ch - 'a' < keywords.size());
            if (!ours) {
                out.append(ch);
            }
        }
        for (String flag : flags) {
            int system = SYSTEM_FLAGS.indexOf(flag);
            if (system >= 0) {
                out.append(SYSTEM_LETTERS.charAt(system));
            } else {
                int index = keyword(flag);
                if (index >= 0) {
                    out.append((char) ('a' + index));
                }
            }
        }
        char[] sorted = out.toString().toCharArray();
        java.util.Arrays.sort(sorted);
        StringBuilder unique = new StringBuilder();
        for (char ch : sorted) {
            if (unique.isEmpty() || unique.charAt(unique.length() - 1) != ch) {
                unique.append(ch);
            }
        }
        return unique.toString();
    }

    /** The index of a keyword, adding it to the list (at most 26); -1 if there is no room. */
    private int keyword(String name) {
        int index = keywords.indexOf(name);
        if (index >= 0 || keywords.size() >= 26) {
            return index;
        }
        keywords.add(name);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keywords.size(); i++) {
            text.append(i).append(' ').append(keywords.get(i)).append('\n');
        }
        try {
            Path tmp = dir.resolve(KEYWORDS + ".tmp");
            Files.writeString(tmp, text, UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, dir.resolve(KEYWORDS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            keywords.remove(keywords.size() - 1);
            throw new UncheckedIOException(e);
        }
        return keywords.size() - 1;
    }

    /**
     * Rereads {@code cur/} and {@code new/}: files that appeared get UIDs, files that vanished are expunged, files
     * renamed by others change flags. Tells the listeners if anything changed.
     */
    void rescan() {
        if (deleted) {
            return;
        }
        stamp = stamp();
        Map<String, String[]> found = new HashMap<>();
        boolean selected = !listeners.isEmpty();
        try {
            list("cur", found, false);
            list("new", found, selected);
        } catch (IOException e) {
            log.warn("cannot read Maildir {dir}: {error}", "dir", dir, "error", e.toString());
            return;
        }
        boolean changed = false;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            String[] where = found.remove(entry.base);
            if (where == null) {
                entries.remove(i);
                byBase.remove(entry.base);
                highestModseq++;
                changed = true;
                continue;
            }
            if (entry.size < 0) {
                fillIn(entry, where);
            }
            boolean flagsChanged = !letters(where[1]).equals(letters(entry.name));
            entry.sub = where[0];
            entry.name = where[1];
            if (flagsChanged) {
                entry.modseq = ++highestModseq;
                changed = true;
            }
        }
        if (!found.isEmpty()) {
            List<String> fresh = new ArrayList<>(found.keySet());
            Collections.sort(fresh);
            for (String base : fresh) {
                String[] where = found.get(base);
                Entry entry = new Entry(next++, base, where[0], where[1], ++highestModseq, -1, Instant.EPOCH);
                fillIn(entry, where);
                entries.add(entry);
                byBase.put(base, entry);
            }
            changed = true;
        }
        if (changed) {
            persist();
            tell();
        }
    }

    private void fillIn(Entry entry, String[] where) {
        try {
            var attributes = Files.readAttributes(dir.resolve(where[0]).resolve(where[1]),
                    java.nio.file.attribute.BasicFileAttributes.class);
            entry.size = attributes.size();
            entry.date = attributes.lastModifiedTime().toInstant();
        } catch (IOException e) {
            entry.size = 0;
        }
    }

    private void list(String sub, Map<String, String[]> found, boolean moveToCur) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(sub))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                String where = sub;
                if (moveToCur) {
                    String moved = name.contains(":2,") ? name : base(name) + ":2,";
                    try {
                        Files.move(file, dir.resolve("cur").resolve(moved), StandardCopyOption.ATOMIC_MOVE);
                        name = moved;
                        where = "cur";
                    } catch (NoSuchFileException gone) {
                        continue;
                    } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                        // leave it in new/; it is read from there
                    }
                }
                found.put(base(name), new String[] {where, name});
            }
        }
    }

    private long stamp() {
        try {
            long curTime = Files.getLastModifiedTime(dir.resolve("cur")).to(TimeUnit.NANOSECONDS);
            long newTime = Files.getLastModifiedTime(dir.resolve("new")).to(TimeUnit.NANOSECONDS);
            return curTime * 31 + newTime;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Whether {@code new/} or {@code cur/} changed so lately that a second change could have left its modification
     * time as it was: within {@value #COARSE_TIMES_MILLIS} ms on a file system whose times count whole seconds,
     * within {@value #FINE_TIMES_MILLIS} ms where they carry fractions (a kernel clock tick is a few ms).
     */
    private boolean recentlyTouched() {
        try {
            FileTime cur = Files.getLastModifiedTime(dir.resolve("cur"));
            FileTime fresh = Files.getLastModifiedTime(dir.resolve("new"));
            long latest = Math.max(cur.toMillis(), fresh.toMillis());
            boolean fine = cur.to(TimeUnit.NANOSECONDS) % 1_000_000_000L != 0
                    || fresh.to(TimeUnit.NANOSECONDS) % 1_000_000_000L != 0;
            return System.currentTimeMillis() - latest < (fine ? FINE_TIMES_MILLIS : COARSE_TIMES_MILLIS);
        } catch (IOException e) {
            return true;
        }
    }

    /** Rescans unless the directories are as last scanned (and were not touched lately, as their times are coarse). */
    void refresh() {
        if (stamp() != stamp || recentlyTouched()) {
            rescan();
        }
    }

    private boolean hasNew() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("new"))) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    private void poll() {
        poll = null;
        if (listeners.isEmpty() || deleted) {
            return;
        }
        refresh();
        poll = clock.callLater(POLL_INTERVAL, this::poll);
    }

    /** Writes the UID list now. */
    private void persist() {
        if (flush != null) {
            flush.cancel();
            flush = null;
        }
        UidList list = new UidList();
        list.validity = validity;
        list.next = next;
        list.highestModseq = highestModseq;
        for (Entry entry : entries) {
            list.lines.add(new UidList.Line(entry.uid, entry.modseq, letters(entry.name), entry.base));
        }
        try {
            list.write(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the UID list at the end of this reactor turn, so many flag changes cost one write. */
    private void persistSoon() {
        if (flush == null) {
            flush = clock.callLater(0, () -> {
                flush = null;
                try {
                    persist();
                } catch (UncheckedIOException e) {
                    log.warn("cannot write {file} in {dir}: {error}", "file", UidList.FILE, "dir", dir,
                            "error", e.getCause().toString());
                }
            });
        }
    }

    private void tell() {
        for (Listener l : List.copyOf(listeners)) {
            l.changed();
        }
    }

    /** Marks the folder deleted or renamed away: it is no longer read or written. */
    void forget() {
        deleted = true;
        if (poll != null) {
            poll.cancel();
            poll = null;
        }
        if (flush != null) {
            flush.cancel();
            flush = null;
        }
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
        return highestModseq;
    }

    @Override
    public List<ImapMessage> messages() {
        return List.copyOf(entries);
    }

    @Override
    public Set<String> flags() {
        Set<String> flags = new LinkedHashSet<>(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"));
        for (String k : keywords) {
            if (!k.isEmpty()) {
                flags.add(k);
            }
        }
        return flags;
    }

    @Override
    public long append(byte[] bytes, Set<String> flags, Instant date) {
        try {
            Path stored = maildir.store(bytes, encode(flags, ""), date);
            String name = stored.getFileName().toString();
            Entry entry = new Entry(next++, base(name), "cur", name, ++highestModseq, bytes.length, date);
            entries.add(entry);
            byBase.put(entry.base, entry);
            stamp = stamp();
            persist();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tell();
        return next - 1;
    }

    @Override
    public void setFlags(ImapMessage message, Set<String> flags) {
        Entry entry = byUid(message.uid());
        if (entry == null) {
            return;
        }
        String letters = encode(flags, letters(entry.name));
        if (letters.equals(letters(entry.name)) && entry.sub.equals("cur")) {
            return;
        }
        String name = entry.base + ":2," + letters;
        try {
            Files.move(dir.resolve(entry.sub).resolve(entry.name), dir.resolve("cur").resolve(name),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            rescan();
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entry.sub = "cur";
        entry.name = name;
        entry.modseq = ++highestModseq;
        stamp = stamp();
        persistSoon();
        tell();
    }

    private @Nullable Entry byUid(long uid) {
        int i = Uids.indexOf(entries, uid);
        return i < 0 ? null : entries.get(i);
    }

    @Override
    public List<Long> expunge(@Nullable Set<Long> uids) {
        List<Long> gone = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if ((uids == null || uids.contains(entry.uid)) && entry.flags().contains("\\Deleted")) {
                try {
                    Files.deleteIfExists(dir.resolve(entry.sub).resolve(entry.name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                gone.add(entry.uid);
                byBase.remove(entry.base);
                entries.remove(i--);
            }
        }
        if (!gone.isEmpty()) {
            highestModseq++;
            stamp = stamp();
            persist();
            tell();
        }
        return gone;
    }

    @Override
    public void addListener(Listener listener) {
        boolean first = listeners.isEmpty();
        listeners.add(listener);
        if (first) {
            // A selecting session moves new/ to cur/; otherwise only a change since the last scan needs one.
            if (hasNew()) {
                rescan();
            } else {
                refresh();
            }
            if (poll == null && !deleted) {
                poll = clock.callLater(POLL_INTERVAL, this::poll);
            }
        }
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && poll != null) {
            poll.cancel();
            poll = null;
        }
    }

    @Override
    public String toString() {
        return "MaildirFolder(" + dir + ", " + entries.size() + " messages)";
    }
}
