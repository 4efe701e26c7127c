package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.mail.maildir.Maildir;

/**
 * An {@link ImapAccount} over a Maildir++ directory, the layout {@code twist mail} delivers into and Courier and
 * Dovecot read: {@code INBOX} is the Maildir at the root, and mailbox {@code A/B} is the Maildir {@code .A.B} under
 * it (a name with a {@code .} in a part cannot be made, as {@code .} separates the parts on disk). Each folder's
 * flags live in its files' names, its UIDs, MODSEQs and UIDVALIDITY in a per-folder list written crash-safely, its
 * keywords (at most 26, the letters {@code a}..{@code z}) in a per-folder file; subscriptions in
 * {@code subscriptions} at the root, one name a line; special-use attributes given by CREATE in
 * {@value #SPECIAL_USE} at the root (others named Sent, Drafts, Trash, Junk, Archive have theirs by name).
 *
 * <pre>{@code
 * MaildirAccount account = MaildirAccount.open(Path.of("mail/example.com/bob"), reactor);
 * }</pre>
 *
 * <h2>Sharing</h2>
 * Accounts made from one {@link Folders} share their open folders, so sessions of one user in this process see
 * each other's changes at once; changes by other processes (SMTP delivery, another IMAP server) are seen within a
 * second through the folder's poll (see {@code MaildirFolder}).
 *
 * <p>Threading: reactor thread only.
 */
public final class MaildirAccount implements ImapAccount {

    private static final String SUBSCRIPTIONS = "subscriptions";
    /** The file of special-use attributes given by CREATE: {@code NAME<TAB>\\Sent \\Archive} lines. */
    static final String SPECIAL_USE = "twisted4j-special-use";

    private final Path root;
    private final Folders folders;

    /**
     * The open folders of one process (one reactor), shared between accounts so that sessions see each other's
     * changes. Reactor thread only.
     */
    public static final class Folders {
        private final ReactorTime clock;
        private final Map<Path, MaildirFolder> open = new HashMap<>();

        /**
         * Makes an empty set of folders.
         *
         * @param clock the clock folders poll on
         */
        public Folders(ReactorTime clock) {
            this.clock = clock;
        }

        MaildirFolder get(Path dir) throws IOException {
            Path key = dir.toAbsolutePath().normalize();
            MaildirFolder folder = open.get(key);
            if (folder == null) {
                folder = MaildirFolder.open(key, clock);
                open.put(key, folder);
            } else {
                folder.refresh();
            }
            return folder;
        }

        void forget(Path dir) {
            Path key = dir.toAbsolutePath().normalize();
            open.entrySet().removeIf(e -> {
                boolean under = e.getKey().equals(key);
                if (under) {
                    e.getValue().forget();
                }
                return under;
            });
        }
    }

    /**
     * Makes an account over a Maildir++ root.
     *
     * @param root the user's Maildir (INBOX)
     * @param folders the open folders shared with other accounts of this reactor
     * @throws IOException if the root cannot be made
     */
    public MaildirAccount(Path root, Folders folders) throws IOException {
        Maildir.open(root);
        this.root = root;
        this.folders = folders;
    }

    /**
     * Makes an account with folders of its own.
     *
     * @param root the user's Maildir (INBOX)
     * @param clock the clock folders poll on
     * @return the account
     * @throws IOException if the root cannot be made
     */
    public static MaildirAccount open(Path root, ReactorTime clock) throws IOException {
        return new MaildirAccount(root, new Folders(clock));
    }

    /** Returns the directory of a mailbox name, or null if the name cannot be one. */
    @Nullable Path directory(String name) {
        if (name.equalsIgnoreCase("INBOX")) {
            return root;
        }
        String trimmed = name;
        while (trimmed.endsWith(String.valueOf(DELIMITER))) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return null;
        }
        String[] parts = trimmed.split(String.valueOf(DELIMITER), -1);
        if (parts[0].equalsIgnoreCase("INBOX")) {
            parts[0] = "INBOX";
        }
        for (String part : parts) {
            if (part.isEmpty() || part.indexOf('.') >= 0 || part.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                return null;
            }
        }
        return root.resolve("." + String.join(".", parts));
    }

    @Override
    public List<String> mailboxes() {
        Set<String> names = new TreeSet<>();
        names.add("INBOX");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*")) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.length() > 1 && !file.equals("..") && Files.isDirectory(entry)) {
                    names.add(file.substring(1).replace('.', DELIMITER));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(names);
    }

    @Override
    public @Nullable ImapMailbox mailbox(String name) {
        Path dir = directory(name);
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        try {
            return folders.get(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean create(String name) {
        Path dir = directory(name);
        if (dir == null || Files.exists(dir)) {
            return false;
        }
        String file = dir.getFileName().toString();
        try {
            for (int dot = file.indexOf('.', 1); dot > 0; dot = file.indexOf('.', dot + 1)) {
                Path parent = root.resolve(file.substring(0, dot));
                if (!Files.exists(parent)) {
                    makeFolder(parent);
                }
            }
            makeFolder(dir);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void makeFolder(Path dir) throws IOException {
        Maildir.open(dir);
        Path marker = dir.resolve("maildirfolder");
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }

    @Override
    public boolean create(String name, Set<String> specialUse) {
        if (!create(name)) {
            return false;
        }
        Map<String, String> all = readSpecialUse();
        all.put(name, String.join(" ", specialUse));
        writeLines(SPECIAL_USE, all.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).toList());
        return true;
    }

    @Override
    public Set<String> specialUse(String name) {
        String given = readSpecialUse().get(name);
        return given == null ? SpecialUse.byName(name) : Set.of(given.split(" "));
    }

    private Map<String, String> readSpecialUse() {
        Map<String, String> out = new java.util.TreeMap<>();
        try {
            for (String line : Files.readAllLines(root.resolve(SPECIAL_USE), UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0 && tab < line.length() - 1) {
                    out.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public boolean delete(String name) {
        Path dir = directory(name);
        if (dir == null || dir.equals(root) || !Files.isDirectory(dir)) {
            return false;
        }
        folders.forget(dir);
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public boolean rename(String from, String to) {
        Path source = directory(from);
        Path target = directory(to);
        if (source == null || target == null || target.equals(root) || Files.exists(target)
                || !Files.isDirectory(source)) {
            return false;
        }
        try {
            if (source.equals(root)) {
                renameInbox(target);
                return true;
            }
            String prefix = source.getFileName() + ".";
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*")) {
                for (Path entry : entries) {
                    if (entry.getFileName().toString().startsWith(prefix)) {
                        children.add(entry);
                    }
                }
            }
            folders.forget(source);
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            String newPrefix = target.getFileName() + ".";
            for (Path child : children) {
                folders.forget(child);
                Files.move(child, root.resolve(newPrefix + child.getFileName().toString().substring(prefix.length())),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RENAME INBOX: its messages move to the new folder, and INBOX starts again empty with a new UIDVALIDITY. */
    private void renameInbox(Path target) throws IOException {
        makeFolder(target);
        for (String sub : List.of("cur", "new")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(sub))) {
                for (Path file : files) {
                    Files.move(file, target.resolve(sub).resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        folders.forget(root);
        Files.deleteIfExists(root.resolve(UidList.FILE));
        Files.deleteIfExists(root.resolve(MaildirFolder.KEYWORDS));
    }

    @Override
    public List<String> subscriptions() {
        try {
            return Files.readAllLines(root.resolve(SUBSCRIPTIONS), UTF_8).stream().filter(s -> !s.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void subscribe(String name) {
        Set<String> names = new LinkedHashSet<>(subscriptions());
        if (names.add(name.equalsIgnoreCase("INBOX") ? "INBOX" : name)) {
            writeSubscriptions(names);
        }
    }

    @Override
    public void unsubscribe(String name) {
        Set<String> names = new LinkedHashSet<>(subscriptions());
        if (names.remove(name.toUpperCase(Locale.ROOT).equals("INBOX") ? "INBOX" : name)) {
            writeSubscriptions(names);
        }
    }

    private void writeSubscriptions(Set<String> names) {
        writeLines(SUBSCRIPTIONS, List.copyOf(names));
    }

    private void writeLines(String file, List<String> lines) {
        try {
            Path tmp = root.resolve(file + ".tmp");
            Files.writeString(tmp, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", UTF_8);
            Files.move(tmp, root.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
