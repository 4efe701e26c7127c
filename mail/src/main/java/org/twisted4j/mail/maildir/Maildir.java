package org.twisted4j.mail.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One Maildir folder ({@code tmp/}, {@code new/}, {@code cur/}), written the way the format asks so that a crash
 * never leaves a partial message where readers look: each message is written to {@code tmp/} under a unique name,
 * the file is synced to disk, moved into {@code new/} by an atomic rename, and the directory is synced (one sync
 * serving every delivery renamed into it while the previous sync ran), so once
 * {@link #deliver} returns the message survives a power loss, and before that it is not in {@code new/} at all.
 *
 * <pre>{@code
 * Maildir box = Maildir.open(Path.of("mail/example.com/bob"));   // creates the three directories
 * Path stored = box.deliver(messageBytes);                        // blocking: call it off the reactor thread
 * }</pre>
 *
 * <p>Names are {@code SECONDS.M<micros>P<pid>Q<sequence>.HOST} (as Courier and Dovecot make them), unique within
 * the process by the sequence and between processes by the pid.
 *
 * <p>Threading: any thread; {@link #deliver} and {@link #cleanTmp} block on the disk, so the reactor thread
 * must not call them (the {@link MaildirDomains} delivery runs them through {@code deferToThread}).
 */
public final class Maildir {

    /** How old a file left in {@code tmp/} must be before {@link #cleanTmp} deletes it, as the format says. */
    public static final Duration TMP_MAX_AGE = Duration.ofHours(36);

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String HOST = hostName();

    private final Path root;

    private Maildir(Path root) {
        this.root = root;
    }

    /**
     * Opens the Maildir at {@code root}, creating it and its {@code tmp}, {@code new} and {@code cur}
     * directories if needed.
     *
     * @param root the folder
     * @return the Maildir
     * @throws IOException if the directories cannot be made
     */
    public static Maildir open(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        boolean created = false;
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Path directory = root.resolve(sub);
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                created = true;
            }
        }
        if (created) {
            // The new directories' own entries must survive a crash too, or new/ could vanish with its messages.
            DirectorySync.force(root);
            Path parent = root.toAbsolutePath().getParent();
            if (parent != null) {
                DirectorySync.force(parent);
            }
        }
        return new Maildir(root);
    }

    /** Returns the folder. */
    public Path root() {
        return root;
    }

    /**
     * Stores a message durably in {@code new/}: write to {@code tmp/}, sync the file, rename into {@code new/},
     * sync {@code new/} (one sync serving every delivery renamed into it meanwhile). If it throws, the message is
     * not in {@code new/}.
     *
     * @param message the whole message
     * @return the message's file in {@code new/}
     * @throws IOException if the message could not be stored; a partial file left in {@code tmp/} is removed
     *     when possible
     */
    public Path deliver(byte[] message) throws IOException {
        return store(message, null, null);
    }

    /**
     * Stores a message durably as {@link #deliver} does, but, when {@code info} is given, into {@code cur/} under
     * {@code NAME:2,INFO} (the flags letters of a message that is not new, as an IMAP APPEND makes), and with the
     * file's modification time set to {@code modified} when given (the internal date IMAP readers take from it).
     *
     * @param message the whole message
     * @param info the flag letters for {@code cur/}, or null for {@code new/}
     * @param modified the modification time to give the file, or null for now
     * @return the message's file
     * @throws IOException if the message could not be stored; a partial file left in {@code tmp/} is removed
     *     when possible
     */
    public Path store(byte[] message, @Nullable String info, @Nullable Instant modified) throws IOException {
        String name = uniqueName();
        Path tmp = root.resolve("tmp").resolve(name);
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(message);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            if (modified != null) {
                Files.setLastModifiedTime(tmp, FileTime.from(modified));
            }
            String sub = info == null ? "new" : "cur";
            Path target = root.resolve(sub).resolve(info == null ? name : name + ":2," + info);
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            // tmp/ is not synced: a name a crash leaves there is garbage that cleanTmp removes.
            DirectorySync.of(root.resolve(sub)).sync();
            return target;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Deletes the files of {@code tmp/} last modified more than {@link #TMP_MAX_AGE} ago: messages whose
     * delivery a crash interrupted.
     *
     * @param now the current time
     * @return how many were deleted
     * @throws IOException if {@code tmp/} cannot be read
     */
    public int cleanTmp(Instant now) throws IOException {
        int deleted = 0;
        FileTime limit = FileTime.from(now.minus(TMP_MAX_AGE));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("tmp"))) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(limit) < 0) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Returns a fresh name for a message, {@code SECONDS.M<micros>P<pid>Q<sequence>.HOST}. */
    static String uniqueName() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + now.getNano() / 1000 + "P" + ProcessHandle.current().pid() + "Q"
                + SEQUENCE.incrementAndGet() + "." + HOST;
    }

    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "localhost";
        }
        // The format reserves '/' and ':' (the flags separator); replace them as the format's author says.
        return name.replace("/", "\\057").replace(":", "\\072");
    }
}
