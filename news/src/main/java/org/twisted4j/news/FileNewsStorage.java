package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.Logger;

/**
 * A {@link NewsStorage} in a directory, as Twisted's {@code NewsShelf}: the articles one after another in an
 * append-only spool file (as INN's cyclic news file system keeps them, without the cycling), an append-only
 * overview file per group that says where each article lies in the spool, and the list of groups.
 *
 * <pre>
 * DIR/groups                  name TAB status TAB created (epoch s) TAB moderator TAB description, a line each
 * DIR/spool                   the articles, each written once at the spool's end
 * DIR/overview/GROUP          one overview line per article: number, the fields, arrival (epoch ms), then the
 *                             article's offset and length in the spool
 * DIR/articles/ab/abcdef...   an article stored by an earlier version of this store (a file each, named by the
 *                             SHA-256 of its Message-ID; its overview line has no offset), still read
 * </pre>
 * The message-id history is the overview: reading the overview back on open gives every Message-ID stored and
 * where its article lies.
 *
 * <h2>Crash safety</h2>
 * An article is written at the end of the spool and forced to disk before its overview lines are appended; each
 * line is appended in one write (the overview files are kept open) and forced. So after a crash an article either
 * has its overview line (it is stored) or it has not (it is not). When the store opens, a line cut short by the
 * crash is cut off, so is an overview line (and every later one of its group) naming spool octets the spool does
 * not hold, and the spool is cut back to the end of the last article an overview line names, so that an article
 * written without its overview line is gone and the next one takes its place. When a write fails (a full disk), the
 * overview files already appended to are cut back and the spool's end is not moved, so the article is in none of
 * its groups. The groups file is replaced by rename.
 *
 * <p>{@link #setForced setForced(false)} trades that for speed, as INN's defaults do: the article and its overview
 * line are written in the same order but not forced, so a crash of the process loses nothing taken, while a crash
 * of the machine may lose the articles taken in its last seconds (the operating system's write-back delay), and
 * may leave an overview line whose spool octets were never written back (the article then reads as zeros).
 *
 * <h2>Threading</h2>
 * Reactor thread only. The files are read and written on that thread, as Twisted's store does: keep the
 * directory on a local disk. The overview and history are held in memory.
 */
public final class FileNewsStorage extends IndexedNewsStorage {

    private static final Logger log = new Logger("news");

    private final Path dir;
    private final Clock clock;
    private boolean forced = true;
    /** Each group's overview file, opened for appending at its first article and kept open. */
    private final Map<String, FileChannel> appenders = new HashMap<>();
    /** The spool, opened at the first store or read and kept open; null when closed. */
    private @Nullable FileChannel spool;
    /** Where the next article goes in the spool: the end of the last article stored. */
    private long spoolEnd;
    /** Where each article in the spool lies, by Message-ID; articles of the older layout are not here. */
    private final Map<String, Spooled> spooled = new HashMap<>();

    /** An article's place in the spool. */
    private record Spooled(long offset, int length) {
        long end() {
            return offset + length;
        }
    }

    private FileNewsStorage(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * Opens the store in {@code dir}, making the directory and its layout if they are missing, and reads the
     * groups and overview back.
     *
     * @param dir the directory
     * @param clock the wall clock that dates groups and arrivals
     * @return the store
     * @throws IOException if the directory cannot be made or read, or the groups file is malformed
     */
    public static FileNewsStorage open(Path dir, Clock clock) throws IOException {
        Files.createDirectories(dir.resolve("articles"));
        Files.createDirectories(dir.resolve("overview"));
        Files.createDirectories(dir.resolve("tmp"));
        FileNewsStorage storage = new FileNewsStorage(dir, clock);
        storage.load();
        return storage;
    }

    private void load() throws IOException {
        Path groupsFile = dir.resolve("groups");
        if (Files.exists(groupsFile)) {
            int lineNumber = 0;
            for (String line : Files.readAllLines(groupsFile, UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t", 5);
                try {
                    index.addGroup(parts[0], PostingStatus.of(parts[1].charAt(0)),
                            Instant.ofEpochSecond(Long.parseLong(parts[2])), parts.length > 4 ? parts[4] : "",
                            parts[3].isEmpty() ? null : parts[3]);
                } catch (RuntimeException e) {
                    throw new IOException(groupsFile + " line " + lineNumber + ": malformed (" + e.getMessage() + ")", e);
                }
            }
        }
        long spoolSize = spool().size();
        for (NewsGroup group : index.listGroups()) {
            loadOverview(group.name(), spoolSize);
        }
        for (Spooled place : spooled.values()) {
            spoolEnd = Math.max(spoolEnd, place.end());
        }
        if (spoolSize > spoolEnd) {
            log.warn("{file}: dropping {bytes} octets written without their overview line by a crash", "file",
                    dir.resolve("spool"), "bytes", spoolSize - spoolEnd);
            FileChannel channel = spool();
            channel.truncate(spoolEnd);
            channel.force(true);
        }
    }

    private FileChannel spool() throws IOException {
        FileChannel channel = spool;
        if (channel == null) {
            channel = FileChannel.open(dir.resolve("spool"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            spool = channel;
        }
        return channel;
    }

    /** Cuts {@code file} back to {@code size} octets and forces it. */
    private static void cut(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }

    /**
     * Reads a group's overview back into the index: a line torn by a crash is cut off, and so is the first line
     * naming spool octets beyond {@code spoolSize} with every line after it (their articles never reached the
     * spool).
     */
    private void loadOverview(String group, long spoolSize) throws IOException {
        Path file = overviewFile(group);
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            log.warn("{file}: dropping a line cut short by a crash ({bytes} octets)", "file", file, "bytes",
                    bytes.length - end);
            cut(file, end);
        }
        int start = 0;
        while (start < end) {
            int newline = start;
            while (bytes[newline] != '\n') {
                newline++;
            }
            String line = new String(bytes, start, newline - start, ISO_8859_1);
            if (!line.isEmpty() && !restoreLine(group, file, line, spoolSize)) {
                log.warn("{file}: dropping {bytes} octets of overview naming articles the spool lost in a crash",
                        "file", file, "bytes", end - start);
                cut(file, start);
                return;
            }
            start = newline + 1;
        }
    }

    /** Restores one overview line; false if it names spool octets beyond {@code spoolSize}. */
    private boolean restoreLine(String group, Path file, String line, long spoolSize) {
        String[] f = line.split("\t", -1);
        try {
            OverviewEntry entry = new OverviewEntry(Long.parseLong(f[0]), f[1], f[2], f[3], f[4], f[5],
                    Long.parseLong(f[6]), Long.parseLong(f[7]), f[8], Instant.ofEpochMilli(Long.parseLong(f[9])));
            if (f.length > 11) {
                Spooled place = new Spooled(Long.parseLong(f[10]), Integer.parseInt(f[11]));
                if (place.offset() < 0 || place.length() < 0 || place.end() > spoolSize) {
                    return false;
                }
                spooled.put(entry.messageId(), place);
            }
            index.restore(group, entry);
        } catch (RuntimeException e) {
            log.warn("{file}: skipping a malformed overview line", "file", file);
        }
        return true;
    }

    /**
     * Adds a group and writes the groups file.
     *
     * @param name its name
     * @param status whether it takes posts
     * @param description its one-line description, possibly empty
     * @param moderator its moderator's address, for a moderated group, or null
     * @return this store
     * @throws IllegalArgumentException if the name is not a valid group name or is taken, or a field holds a TAB
     *     or line break
     * @throws UncheckedIOException if the groups file cannot be written
     */
    public FileNewsStorage addGroup(String name, PostingStatus status, String description, @Nullable String moderator) {
        if ((description + (moderator == null ? "" : moderator)).chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("a group's description and moderator are one line without TABs");
        }
        index.addGroup(name, status, Instant.ofEpochSecond(clock.instant().getEpochSecond()), description, moderator);
        try {
            writeGroups();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("groups"), e);
        }
        return this;
    }

    /**
     * Sets whether each article and overview line is forced to disk before the article counts as stored (default
     * true). Unforced, a machine crash may lose what the operating system had not yet written back.
     *
     * @param force whether to force every write
     * @return this store
     */
    public FileNewsStorage setForced(boolean force) {
        this.forced = force;
        return this;
    }

    /** Returns whether a group is carried. */
    public boolean hasGroup(String name) {
        return index.group(name) != null;
    }

    private void writeGroups() throws IOException {
        StringBuilder text = new StringBuilder();
        for (NewsGroup group : index.listGroups()) {
            text.append(group.name()).append('\t').append(group.status().letter()).append('\t')
                    .append(group.created().getEpochSecond()).append('\t')
                    .append(group.moderator() == null ? "" : group.moderator()).append('\t')
                    .append(group.description()).append('\n');
        }
        replace(dir.resolve("groups"), text.toString().getBytes(UTF_8));
    }

    /** Writes {@code bytes} to a temporary file, forces it, and renames it to {@code target}. */
    private void replace(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(dir.resolve("tmp"), "new", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private Path overviewFile(String group) {
        return dir.resolve("overview").resolve(group);
    }

    private Path articleFile(String messageId) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(ISO_8859_1)));
            return dir.resolve("articles").resolve(hash.substring(0, 2)).resolve(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public Deferred<byte @Nullable []> article(String messageId) {
        if (!index.seen(messageId)) {
            return Deferred.succeed(null);
        }
        try {
            Spooled place = spooled.get(messageId);
            if (place == null) {
                return Deferred.succeed(Files.readAllBytes(articleFile(messageId)));
            }
            ByteBuffer buffer = ByteBuffer.allocate(place.length());
            FileChannel channel = spool();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, place.offset() + buffer.position()) < 0) {
                    throw new IOException("the spool ends inside the article " + messageId);
                }
            }
            return Deferred.succeed(buffer.array());
        } catch (NoSuchFileException e) {
            return Deferred.succeed(null);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
    }

    @Override
    public Deferred<Map<String, Long>> store(Article article, String server) {
        NewsIndex.Placement placement;
        try {
            placement = index.place(article, server);
        } catch (ArticleRejected e) {
            return Deferred.fail(e);
        }
        Instant arrived = Instant.ofEpochMilli(clock.millis());
        Map<Path, Long> appended = new LinkedHashMap<>();
        Spooled place;
        try {
            // At the spool's end: until its overview lines are appended the article is not stored, and the next
            // article overwrites it.
            byte[] bytes = placement.article().toBytes();
            place = new Spooled(spoolEnd, bytes.length);
            FileChannel channel = spool();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, place.offset() + buffer.position());
            }
            if (forced) {
                channel.force(false);
            }
            for (Map.Entry<String, Long> number : placement.numbers().entrySet()) {
                OverviewEntry entry = OverviewEntry.of(number.getValue(), placement.article(), arrived);
                FileChannel overview = appender(number.getKey());
                appended.put(overviewFile(number.getKey()), overview.size());
                append(overview, entry, place, forced);
            }
        } catch (IOException e) {
            log.error("cannot store {id}: {error}", "id", placement.messageId(), "error", e.toString());
            close();
            rollBack(appended);
            return Deferred.fail(new ArticleRejected(ArticleRejected.Reason.STORAGE_FAILED, "Storage failed"));
        }
        spoolEnd = place.end();
        spooled.put(placement.messageId(), place);
        index.commit(placement, arrived);
        return Deferred.succeed(placement.numbers());
    }

    /** Cuts the overview files back to their sizes before a store that failed, so the article is in no group. */
    private static void rollBack(Map<Path, Long> sizes) {
        sizes.forEach((file, size) -> {
            try {
                cut(file, size);
            } catch (IOException e) {
                log.error("cannot roll {file} back to {size} octets: {error}", "file", file, "size", size,
                        "error", e.toString());
            }
        });
    }

    private FileChannel appender(String group) throws IOException {
        FileChannel channel = appenders.get(group);
        if (channel == null) {
            channel = FileChannel.open(overviewFile(group), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            appenders.put(group, channel);
        }
        return channel;
    }

    /**
     * Closes the spool and the overview files kept open for appending; a later store or read opens them again.
     * Call it when the store is no longer used.
     */
    public void close() {
        FileChannel open = spool;
        spool = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.warn("cannot close the spool: {error}", "error", e.toString());
            }
        }
        appenders.forEach((group, channel) -> {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("cannot close the overview of {group}: {error}", "group", group, "error", e.toString());
            }
        });
        appenders.clear();
    }

    private static void append(FileChannel channel, OverviewEntry entry, Spooled place, boolean force)
            throws IOException {
        String line = entry.number() + "\t" + entry.messageId() + "\t" + entry.subject() + "\t" + entry.from() + "\t"
                + entry.date() + "\t" + entry.references() + "\t" + entry.bytes() + "\t" + entry.lines() + "\t"
                + entry.xref() + "\t" + entry.arrived().toEpochMilli() + "\t" + place.offset() + "\t"
                + place.length() + "\n";
        writeFully(channel, ByteBuffer.wrap(line.getBytes(ISO_8859_1)));
        if (force) {
            channel.force(false);
        }
    }
}
