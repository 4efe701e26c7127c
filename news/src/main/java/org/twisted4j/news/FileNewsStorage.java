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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.Logger;

/**
 * A {@link NewsStorage} in a directory, as Twisted's {@code NewsShelf}: each article in a file of its own,
 * an append-only overview file per group, and the list of groups.
 *
 * <pre>
 * DIR/groups                  name TAB status TAB created (epoch s) TAB moderator TAB description, a line each
 * DIR/articles/ab/abcdef...   one article, named by the SHA-256 of its Message-ID
 * DIR/overview/GROUP          one overview line per article: number, the fields, arrival (epoch ms)
 * </pre>
 *
 * <h2>Crash safety</h2>
 * An article is written to its file and forced to disk before its overview lines are appended; each line is
 * appended in one write (the overview files are kept open) and forced. So after a crash an article either has its
 * overview line (it is stored) or it has not (it is not, and its file is overwritten if it comes again). A
 * line cut short by the crash is cut off when the store opens. When a write fails (a full disk), the overview
 * files already appended to are cut back, so the article is in none of its groups. The groups file is replaced by
 * rename.
 *
 * <p>{@link #setForced setForced(false)} trades that for speed, as INN's defaults do: the article and its overview
 * line are written in the same order but not forced, so a crash of the process loses nothing taken, while a crash
 * of the machine may lose the articles taken in its last seconds (the operating system's write-back delay).
 *
 * <h2>Threading</h2>
 * Reactor thread only. The files are read and written on that thread, as Twisted's store does: keep the
 * directory on a local disk. The overview and history are held in memory.
 */
public final class FileNewsStorage implements NewsStorage {

    private static final Logger log = new Logger("news");

    private final Path dir;
    private final Clock clock;
    private final NewsIndex index = new NewsIndex();
    private boolean forced = true;
    /** Each group's overview file, opened for appending at its first article and kept open. */
    private final Map<String, FileChannel> appenders = new HashMap<>();
    /** The article directories known to exist, so that each is made once. */
    private final Set<Path> madeDirectories = new HashSet<>();

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
        for (NewsGroup group : index.listGroups()) {
            loadOverview(group.name());
        }
    }

    private void loadOverview(String group) throws IOException {
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
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
        for (String line : new String(bytes, 0, end, ISO_8859_1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                index.restore(group, new OverviewEntry(Long.parseLong(f[0]), f[1], f[2], f[3], f[4], f[5],
                        Long.parseLong(f[6]), Long.parseLong(f[7]), f[8], Instant.ofEpochMilli(Long.parseLong(f[9]))));
            } catch (RuntimeException e) {
                log.warn("{file}: skipping a malformed overview line", "file", file);
            }
        }
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
    public Deferred<List<NewsGroup>> listGroups() {
        return Deferred.succeed(index.listGroups());
    }

    @Override
    public Deferred<@Nullable NewsGroup> group(String name) {
        NewsIndex.Group group = index.group(name);
        return Deferred.succeed(group == null ? null : group.snapshot());
    }

    @Override
    public Deferred<List<OverviewEntry>> overview(String group, long low, long high) {
        return Deferred.succeed(index.overview(group, low, high));
    }

    @Override
    public Deferred<@Nullable OverviewEntry> adjacent(String group, long number, boolean forward) {
        return Deferred.succeed(index.adjacent(group, number, forward));
    }

    @Override
    public Deferred<byte @Nullable []> article(String messageId) {
        if (!index.seen(messageId)) {
            return Deferred.succeed(null);
        }
        try {
            return Deferred.succeed(Files.readAllBytes(articleFile(messageId)));
        } catch (NoSuchFileException e) {
            return Deferred.succeed(null);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
    }

    @Override
    public Deferred<Boolean> hasArticle(String messageId) {
        return Deferred.succeed(index.seen(messageId));
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
        try {
            Path file = articleFile(placement.messageId());
            if (madeDirectories.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            // Straight to its file: until its overview lines are appended the article is not stored, and a copy
            // that comes again overwrites what a crash left.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(channel, ByteBuffer.wrap(placement.article().toBytes()));
                if (forced) {
                    channel.force(true);
                }
            }
            for (Map.Entry<String, Long> number : placement.numbers().entrySet()) {
                OverviewEntry entry = OverviewEntry.of(number.getValue(), placement.article(), arrived);
                FileChannel overview = appender(number.getKey());
                appended.put(overviewFile(number.getKey()), overview.size());
                append(overview, entry, forced);
            }
        } catch (IOException e) {
            log.error("cannot store {id}: {error}", "id", placement.messageId(), "error", e.toString());
            close();
            rollBack(appended);
            return Deferred.fail(new ArticleRejected(ArticleRejected.Reason.STORAGE_FAILED, "Storage failed"));
        }
        index.commit(placement, arrived);
        return Deferred.succeed(placement.numbers());
    }

    /** Cuts the overview files back to their sizes before a store that failed, so the article is in no group. */
    private static void rollBack(Map<Path, Long> sizes) {
        sizes.forEach((file, size) -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(size);
                channel.force(true);
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
     * Closes the overview files kept open for appending; a later store opens them again. Call it when the store
     * is no longer used.
     */
    public void close() {
        appenders.forEach((group, channel) -> {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("cannot close the overview of {group}: {error}", "group", group, "error", e.toString());
            }
        });
        appenders.clear();
        madeDirectories.clear();
    }

    private static void append(FileChannel channel, OverviewEntry entry, boolean force) throws IOException {
        String line = entry.number() + "\t" + entry.messageId() + "\t" + entry.subject() + "\t" + entry.from() + "\t"
                + entry.date() + "\t" + entry.references() + "\t" + entry.bytes() + "\t" + entry.lines() + "\t"
                + entry.xref() + "\t" + entry.arrived().toEpochMilli() + "\n";
        writeFully(channel, ByteBuffer.wrap(line.getBytes(ISO_8859_1)));
        if (force) {
            channel.force(false);
        }
    }

    @Override
    public Deferred<List<String>> newNews(Wildmat groups, Instant since) {
        return Deferred.succeed(index.newNews(groups, since));
    }
}
