package org.twisted4j.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Consumer;
import org.twisted4j.internet.FileRegionTransport;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.basic.FileSender;

/**
 * An {@link FtpShell} over a directory of the local file system, as Twisted's {@code FTPShell} and
 * {@code FTPAnonymousShell}: one root per user, and the {@link FtpPermission}s they have under it.
 *
 * <p>No path leaves the root: the server has already removed {@code ..}; this shell also resolves symbolic
 * links and refuses any whose target lies outside the root (including dangling ones, which a store would
 * otherwise follow), and opens files for writing without following a link.
 *
 * <pre>{@code
 * FtpShell shell = new FilesystemShell(Path.of("/srv/ftp"), EnumSet.of(FtpPermission.READ));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only. File operations are blocking calls on that thread, as in Twisted: fine for local
 * disks. The one exception is the close of an uploaded file's descriptor, which a virtual thread does once
 * the upload is complete (it can take a while: see the {@code close} of the files this shell opens for writing).
 *
 * <h2>Pitfalls</h2>
 * The names of files' owners and groups are looked up once per user and group id and kept (at most
 * 256 of each) for the shell's life: a login's, or the realm's for users given by
 * {@link FtpRealm#addUser}; a user or group renamed meanwhile shows under the old name until then.
 */
public final class FilesystemShell implements FtpShell {

    /** The chunk size for files sent through a consumer that cannot take files (TLS, ASCII). */
    public static final int CHUNK_SIZE = 65_536;

    private static final Logger log = new Logger("ftp");
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("ftp-close").start(task);

    private final Path root;
    private final Path realRoot;
    private final Set<FtpPermission> permissions;
    private final Executor closer;
    // user and group names by id, for listings; reactor thread only, as the shell
    private final Map<Integer, String> ownerNames = new HashMap<>();
    private final Map<Integer, String> groupNames = new HashMap<>();
    private int nameLookups;

    /** The most user (and group) names kept per shell. */
    static final int MAX_NAMES = 256;

    /** Whether the file system offers the {@code unix} attribute view (uid, gid and mode in one stat). */
    private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    /**
     * Serves {@code root} with the given permissions.
     *
     * @param root an existing directory
     * @param permissions what the user may do
     * @throws IllegalArgumentException if the root is not a directory
     */
    public FilesystemShell(Path root, Set<FtpPermission> permissions) {
        this(root, permissions, VIRTUAL_THREADS);
    }

    /** Serves {@code root}, closing uploaded files through {@code closer} (tests run it by hand). */
    FilesystemShell(Path root, Set<FtpPermission> permissions, Executor closer) {
        this.closer = Objects.requireNonNull(closer, "closer");
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("FTP root " + root + " is not usable: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(realRoot)) {
            throw new IllegalArgumentException("FTP root " + root + " is not a directory");
        }
        this.permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    /** What the user may do. */
    public Set<FtpPermission> permissions() {
        return permissions;
    }

    private static String show(List<String> path) {
        return "/" + String.join("/", path);
    }

    /**
     * Maps segments to a real path under the root, refusing invalid segments and links leading out.
     * The returned path does not follow a final symbolic link.
     */
    Path resolve(List<String> path) throws FtpError {
        Path p = realRoot;
        for (String segment : path) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0
                    || segment.indexOf('\0') >= 0) {
                throw FtpError.invalidPath(show(path));
            }
            p = p.resolve(segment);
        }
        if (!p.normalize().startsWith(realRoot)) {
            throw FtpError.invalidPath(show(path));
        }
        try {
            if (!parentsInsideRoot(p)) {
                Path ancestor = p.getParent();
                while (ancestor != null && ancestor.startsWith(realRoot) && !Files.exists(ancestor)) {
                    ancestor = ancestor.getParent();
                }
                if (!p.equals(realRoot) && (ancestor == null || !ancestor.toRealPath().startsWith(realRoot))) {
                    throw FtpError.invalidPath(show(path));
                }
            }
            if (Files.isSymbolicLink(p)) {
                if (!Files.exists(p) || !p.toRealPath().startsWith(realRoot)) {
                    throw FtpError.permissionDenied(show(path));
                }
            }
        } catch (IOException e) {
            throw FtpError.notFound(show(path));
        }
        return p;
    }

    /**
     * Whether every existing directory between the root and {@code p}'s parent is a plain one (no symbolic
     * link), so that the parent lies inside the root without resolving its real path (which reads every
     * segment from the file system's root up: a {@code readlink} each). One {@code lstat} per segment below the
     * root; the walk stops at the first segment that does not exist. False when a segment is a link or
     * cannot be read: the caller then resolves the real path.
     */
    private boolean parentsInsideRoot(Path p) {
        Path parent = p.getParent();
        if (parent == null || !parent.startsWith(realRoot)) {
            return false;
        }
        Path q = realRoot;
        for (Path segment : realRoot.relativize(parent)) {
            if (segment.toString().isEmpty()) {
                continue;
            }
            q = q.resolve(segment);
            try {
                if (Files.readAttributes(q, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()) {
                    return false;
                }
            } catch (NoSuchFileException e) {
                return true; // what lies below does not exist: no link there to leave the root by
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private void require(FtpPermission permission, List<String> path) throws FtpError {
        if (!permissions.contains(permission)) {
            throw FtpError.permissionDenied(show(path));
        }
    }

    private FtpError translate(IOException e, List<String> path) {
        return switch (e) {
            case NoSuchFileException x -> FtpError.notFound(show(path));
            case AccessDeniedException x -> FtpError.permissionDenied(show(path));
            case FileAlreadyExistsException x -> FtpError.exists(show(path));
            case NotDirectoryException x -> FtpError.notADirectory(show(path));
            case DirectoryNotEmptyException x -> new FtpError(550, show(path) + ": Directory not empty.");
            default -> new FtpError(550, show(path) + ": " + (e.getMessage() == null ? "I/O error" : "Failed."));
        };
    }

    private FileInfo info(Path p, String name) throws IOException {
        boolean writable = permissions.contains(FtpPermission.WRITE);
        if (UNIX_VIEW) {
            // one stat for every fact; the owner's and group's names looked up once per id, not per file (each
            // lookup reads /etc/passwd or /etc/group)
            Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,isDirectory");
            boolean directory = (Boolean) unix.get("isDirectory");
            int uid = (Integer) unix.get("uid");
            int gid = (Integer) unix.get("gid");
            String owner = ownerNames.get(uid);
            String group = groupNames.get(gid);
            if (owner == null || group == null) {
                PosixFileAttributes posix = Files.readAttributes(p, PosixFileAttributes.class);
                nameLookups++;
                owner = remember(ownerNames, uid, posix.owner().getName());
                group = remember(groupNames, gid, posix.group().getName());
            }
            return new FileInfo(name, directory, directory ? 4096 : (Long) unix.get("size"),
                    ((FileTime) unix.get("lastModifiedTime")).toInstant(), (Integer) unix.get("mode") & 0777, owner,
                    group, writable);
        }
        BasicFileAttributes basic = Files.readAttributes(p, BasicFileAttributes.class);
        int mode = basic.isDirectory() ? 0755 : 0644;
        String owner = "ftp";
        String group = "ftp";
        try {
            PosixFileAttributes posix = Files.readAttributes(p, PosixFileAttributes.class);
            mode = 0;
            for (PosixFilePermission bit : posix.permissions()) {
                mode |= 1 << (8 - bit.ordinal());
            }
            owner = posix.owner().getName();
            group = posix.group().getName();
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX: keep the defaults
        }
        return new FileInfo(name, basic.isDirectory(), basic.isDirectory() ? 4096 : basic.size(),
                basic.lastModifiedTime().toInstant(), mode, owner, group, writable);
    }

    private String remember(Map<Integer, String> names, int id, String name) {
        if (names.size() >= MAX_NAMES) {
            names.clear();
        }
        names.put(id, name);
        return name;
    }

    /** How many times the names of a file's owner and group were looked up (for tests). */
    int nameLookups() {
        return nameLookups;
    }

    /** One operation on the disk, failing with an FTP error or an I/O error. */
    @FunctionalInterface
    private interface DiskAction<T> {
        T run() throws FtpError, IOException;
    }

    /**
     * Runs {@code action} if the user holds {@code needed} on {@code path}: its result as a fired Deferred, an
     * {@link FtpError} as it is, an I/O error translated to the FTP error it means for {@code blamed}.
     */
    private <T> Deferred<T> onDisk(FtpPermission needed, List<String> path, List<String> blamed, DiskAction<T> action) {
        try {
            require(needed, path);
            return Deferred.succeed(action.run());
        } catch (FtpError e) {
            return Deferred.fail(e);
        } catch (IOException e) {
            return Deferred.fail(translate(e, blamed));
        }
    }

    private static String lastName(List<String> path) {
        return path.isEmpty() ? "" : path.get(path.size() - 1);
    }

    @Override
    public Deferred<FileInfo> stat(List<String> path) {
        return onDisk(FtpPermission.READ, path, path, () -> info(resolve(path), lastName(path)));
    }

    @Override
    public Deferred<List<FileInfo>> list(List<String> path) {
        return onDisk(FtpPermission.READ, path, path, () -> {
            Path dir = resolve(path);
            if (!Files.isDirectory(dir)) {
                return List.of(info(dir, lastName(path)));
            }
            List<FileInfo> out = new ArrayList<>();
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    String name = child.getFileName().toString();
                    try {
                        if (Files.isSymbolicLink(child) && (!Files.exists(child)
                                || !child.toRealPath().startsWith(realRoot))) {
                            continue;
                        }
                        out.add(info(child, name));
                    } catch (IOException e) {
                        // vanished or unreadable while listing: leave it out
                    }
                }
            }
            out.sort(Comparator.comparing(FileInfo::name));
            return out;
        });
    }

    @Override
    public Deferred<@Nullable Void> access(List<String> path) {
        return onDisk(FtpPermission.READ, path, path, () -> {
            Path dir = resolve(path);
            if (!Files.exists(dir)) {
                throw FtpError.notFound(show(path));
            }
            if (!Files.isDirectory(dir)) {
                throw FtpError.notADirectory(show(path));
            }
            return null;
        });
    }

    @Override
    public Deferred<ReadFile> openForReading(List<String> path) {
        return onDisk(FtpPermission.READ, path, path, () -> {
            Path file = resolve(path);
            if (Files.isDirectory(file)) {
                throw FtpError.isADirectory(show(path));
            }
            return new DiskReadFile(FileChannel.open(file, StandardOpenOption.READ));
        });
    }

    @Override
    public Deferred<WriteFile> openForWriting(List<String> path, WriteMode mode, long offset) {
        return onDisk(FtpPermission.WRITE, path, path, () -> {
            if (path.isEmpty()) {
                throw FtpError.isADirectory("/");
            }
            Path file = resolve(path);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw FtpError.isADirectory(show(path));
            }
            List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
            switch (mode) {
                case APPEND -> options.addAll(List.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND));
                case CREATE_NEW -> options.add(StandardOpenOption.CREATE_NEW);
                case REPLACE -> {
                    options.add(StandardOpenOption.CREATE);
                    if (offset == 0) {
                        options.add(StandardOpenOption.TRUNCATE_EXISTING);
                    }
                }
            }
            FileChannel channel = FileChannel.open(file, options.toArray(OpenOption[]::new));
            if (mode == WriteMode.REPLACE && offset > 0) {
                if (offset > channel.size()) {
                    channel.close();
                    throw new FtpError(554, "Restart offset beyond the end of " + show(path) + ".");
                }
                channel.truncate(offset);
                channel.position(offset);
            }
            return new DiskWriteFile(channel, closer);
        });
    }

    @Override
    public Deferred<@Nullable Void> makeDirectory(List<String> path) {
        return onDisk(FtpPermission.MKDIR, path, path, () -> {
            Files.createDirectory(resolve(path));
            return null;
        });
    }

    @Override
    public Deferred<@Nullable Void> removeDirectory(List<String> path) {
        return onDisk(FtpPermission.DELETE, path, path, () -> {
            Path dir = resolve(path);
            if (path.isEmpty() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? FtpError.notADirectory(show(path))
                        : FtpError.notFound(show(path));
            }
            Files.delete(dir);
            return null;
        });
    }

    @Override
    public Deferred<@Nullable Void> removeFile(List<String> path) {
        return onDisk(FtpPermission.DELETE, path, path, () -> {
            Path file = resolve(path);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw FtpError.isADirectory(show(path));
            }
            Files.delete(file);
            return null;
        });
    }

    @Override
    public Deferred<@Nullable Void> rename(List<String> from, List<String> to) {
        return onDisk(FtpPermission.WRITE, from, to, () -> {
            if (from.isEmpty() || to.isEmpty()) {
                throw FtpError.permissionDenied("/");
            }
            Path source = resolve(from);
            Path target = resolve(to);
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw FtpError.notFound(show(from));
            }
            Files.move(source, target);
            return null;
        });
    }

    @Override
    public Deferred<@Nullable Void> setModificationTime(List<String> path, Instant modified) {
        return onDisk(FtpPermission.WRITE, path, path, () -> {
            Files.setLastModifiedTime(resolve(path), FileTime.from(modified));
            return null;
        });
    }

    @Override
    public String toString() {
        return "FilesystemShell[" + root + " " + permissions + "]";
    }

    /** A file on disk: {@code transferTo} when the consumer can take files, else chunks through FileSender. */
    private static final class DiskReadFile implements ReadFile {
        private final FileChannel channel;
        private @Nullable FileSender sender;

        DiskReadFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public Deferred<@Nullable Void> send(Consumer consumer, long offset) {
            try {
                long size = channel.size();
                long start = Math.min(Math.max(0, offset), size);
                if (consumer instanceof FileRegionTransport files && files.canWriteFile()) {
                    return files.writeFile(channel, start, size - start);
                }
                channel.position(start);
                InputStream in = Channels.newInputStream(channel);
                FileSender chunks = new FileSender(CHUNK_SIZE);
                sender = chunks;
                return chunks.beginFileTransfer(in, consumer).addCallback(last -> null);
            } catch (IOException e) {
                return Deferred.fail(e);
            }
        }

        @Override
        public void close() {
            FileSender chunks = sender;
            sender = null;
            if (chunks != null) {
                chunks.stopProducing();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written: nothing is lost
            }
        }
    }

    /**
     * A file on disk written synchronously: each write is done when it returns. Closing it after a complete
     * upload fires at once; the descriptor is closed on the shell's closer.
     */
    private static final class DiskWriteFile implements WriteFile {
        private final FileChannel channel;
        private final Executor closer;

        DiskWriteFile(FileChannel channel, Executor closer) {
            this.channel = Objects.requireNonNull(channel);
            this.closer = closer;
        }

        @Override
        public Deferred<@Nullable Void> write(ByteBuffer data) {
            try {
                while (data.hasRemaining()) {
                    channel.write(data);
                }
                return Deferred.succeed(null);
            } catch (IOException e) {
                return Deferred.fail(new FtpError(452, "Write failed: " + e.getMessage()));
            }
        }

        /**
         * {@inheritDoc}
         *
         * @implNote Every byte is in the file by now (each write returned once the kernel had it), so this fires
         * at once and the descriptor is closed on another thread. Closing takes a while: on ext4 the close of a
         * file that was emptied and written again starts the writeback of all of it (so that a crash cannot
         * leave it empty): about half a second for 1 GiB in the bench, which would hold up the 226 and every
         * other connection of the reactor. vsftpd too writes its 226 before it closes the file. An error from the
         * close of a local file loses nothing already written; it is logged.
         */
        @Override
        public Deferred<@Nullable Void> close() {
            closer.execute(() -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    log.warn("closing an uploaded file failed: {why}", "why", e.getMessage());
                }
            });
            return Deferred.succeed(null);
        }

        @Override
        public void abort() {
            try {
                channel.close();
            } catch (IOException e) {
                // the upload is abandoned anyway
            }
        }
    }
}
