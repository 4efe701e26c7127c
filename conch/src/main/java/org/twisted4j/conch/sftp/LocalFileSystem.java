package org.twisted4j.conch.sftp;

import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Serves a directory of the local file system as a user's whole tree, as {@code ChrootDirectory} does for
 * OpenSSH's sftp-server (Twisted's {@code SFTPServerForUnixConchUser}, confined). The client's {@code /} is the
 * root directory, and so is its home ({@code .}) unless {@link #LocalFileSystem(Path, String)} names another;
 * no path ever leads out of it:
 *
 * <ul>
 *   <li>absolute paths are taken from the root;</li>
 *   <li>a {@code ..} that would climb above the root is refused with {@code FX_PERMISSION_DENIED};</li>
 *   <li>symbolic links are followed here, component by component, not by the operating system: a relative
 *       target is resolved from the link's directory by the same rule, an absolute target must lie under the
 *       root's real path (it is then read as the path below it), and anything else is refused with
 *       {@code FX_PERMISSION_DENIED}; at most {@value #MAX_SYMLINK_HOPS} links per path;</li>
 *   <li>links the client makes must point inside the root (an absolute target is stored relative to the link,
 *       so the link means the same seen from outside); {@code READLINK} shows targets as the client sees them.</li>
 * </ul>
 *
 * <p>Files are opened without following a final link (the resolution did that), so the operating system never
 * follows a link this class has not checked. Two sessions of one user changing the same tree at once could
 * still race a check against a rename of a directory into a link; the server runs each session's path requests
 * one at a time, so one session cannot race itself.
 *
 * <h2>Threading</h2>
 * Any thread (the root is fixed; each call works on the file system alone).
 */
public final class LocalFileSystem implements SftpFileSystem {

    /** The most symbolic links followed while resolving one path. */
    public static final int MAX_SYMLINK_HOPS = 32;
    /** The most names one READDIR answer holds. */
    public static final int READDIR_BATCH = 100;

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final List<String> home;

    /**
     * Serves {@code root}, which is also the client's home directory.
     *
     * @throws IOException if it does not exist or is not a directory
     */
    public LocalFileSystem(Path root) throws IOException {
        this(root, "/");
    }

    /**
     * Serves {@code root}, with relative paths and {@code ~} taken from {@code home}: how a server that is not
     * confined to the user's home serves it (OpenSSH's {@code sftp-server} started in the home directory, with
     * {@code /} as root).
     *
     * @param home the home directory as the client sees it, an absolute path below the root
     * @throws IOException if the root does not exist or is not a directory
     * @throws IllegalArgumentException if {@code home} is not absolute or climbs above the root
     */
    public LocalFileSystem(Path root, String home) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NotDirectoryException(root.toString());
        }
        if (!home.startsWith("/")) {
            throw new IllegalArgumentException("home must be an absolute path: " + home);
        }
        try {
            this.home = List.copyOf(normalize(List.of(), home));
        } catch (SftpException e) {
            throw new IllegalArgumentException("home " + home + ": " + e.getMessage(), e);
        }
    }

    /** The root's real path. */
    public Path root() {
        return root;
    }

    // ---------------------------------------------------------------- paths

    /**
     * Applies a path to a base (component lists), taking {@code .} and {@code ..} as the client means them.
     *
     * @throws SftpException FX_PERMISSION_DENIED if {@code ..} climbs above the root
     */
    static List<String> normalize(List<String> base, String path) throws SftpException {
        List<String> out = path.startsWith("/") ? new ArrayList<>() : new ArrayList<>(base);
        for (String component : path.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                if (out.isEmpty()) {
                    throw new SftpException(FX_PERMISSION_DENIED, "path leads outside the root");
                }
                out.remove(out.size() - 1);
            } else if (component.indexOf('\0') >= 0) {
                throw new SftpException(FX_NO_SUCH_FILE, "No such file");
            } else {
                out.add(component);
            }
        }
        return out;
    }

    /**
     * Resolves a client's path to its components below the root, following symbolic links as this class's
     * rules say.
     *
     * @param followFinal whether a final symbolic link is followed too
     */
    List<String> resolve(String path, boolean followFinal) throws SftpException {
        Deque<String> todo = new ArrayDeque<>(normalize(home, path));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String component = todo.pollFirst();
            Path candidate = real(done).resolve(component);
            if ((followFinal || !todo.isEmpty()) && Files.isSymbolicLink(candidate)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new SftpException(FX_FAILURE, "Too many levels of symbolic links");
                }
                String target;
                try {
                    target = Files.readSymbolicLink(candidate).toString();
                } catch (IOException e) {
                    throw status(e);
                }
                List<String> next = normalize(done, virtualTarget(target));
                List<String> rest = new ArrayList<>(todo);
                todo.clear();
                todo.addAll(next);
                todo.addAll(rest);
                done.clear();
            } else {
                done.add(component);
            }
        }
        return done;
    }

    /** A link's target as a client path: absolute targets must lie under the root. */
    private String virtualTarget(String target) throws SftpException {
        if (!target.startsWith("/")) {
            return target;
        }
        String rootText = root.toString();
        if (target.equals(rootText)) {
            return "/";
        }
        if (rootText.equals("/")) {
            return target;
        }
        if (target.startsWith(rootText + "/")) {
            return target.substring(rootText.length());
        }
        throw new SftpException(FX_PERMISSION_DENIED, "symbolic link leads outside the root");
    }

    private Path real(List<String> components) throws SftpException {
        try {
            Path out = root;
            for (String component : components) {
                out = out.resolve(component);
            }
            return out;
        } catch (InvalidPathException e) {
            throw new SftpException(FX_NO_SUCH_FILE, "No such file");
        }
    }

    private Path resolveReal(String path, boolean followFinal) throws SftpException {
        return real(resolve(path, followFinal));
    }

    private static String join(List<String> components) {
        return "/" + String.join("/", components);
    }

    /** The SFTP status for an I/O failure. */
    static SftpException status(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> new SftpException(FX_NO_SUCH_FILE, "No such file");
            case NotDirectoryException x -> new SftpException(FX_NO_SUCH_FILE, "Not a directory");
            case AccessDeniedException x -> new SftpException(FX_PERMISSION_DENIED, "Permission denied");
            case FileAlreadyExistsException x -> new SftpException(FX_FAILURE, "File exists");
            case DirectoryNotEmptyException x -> new SftpException(FX_FAILURE, "Directory not empty");
            case NotLinkException x -> new SftpException(FX_FAILURE, "Not a symbolic link");
            case FileSystemLoopException x -> new SftpException(FX_FAILURE, "Too many levels of symbolic links");
            default -> new SftpException(FX_FAILURE, e.getMessage() == null ? "Failure" : e.getMessage());
        };
    }

    // ---------------------------------------------------------------- requests

    @Override
    public SftpFile openFile(String path, int flags, FileAttributes attrs) throws SftpException {
        Path file = resolveReal(path, true);
        if (Files.isDirectory(file, NOFOLLOW)) {
            throw new SftpException(FX_FAILURE, "Is a directory");
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if ((flags & FXF_WRITE) != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((flags & FXF_READ) != 0 || (flags & FXF_WRITE) == 0) {
            options.add(StandardOpenOption.READ);
        }
        if ((flags & FXF_APPEND) != 0) {
            options.add(StandardOpenOption.APPEND);
        }
        if ((flags & FXF_CREAT) != 0) {
            options.add((flags & FXF_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if ((flags & FXF_TRUNC) != 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            return new LocalFile(file, FileChannel.open(file, options, permissions(attrs)));
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            throw e instanceof IOException io ? status(io) : new SftpException(FX_FAILURE, "bad open flags");
        }
    }

    private static FileAttribute<?>[] permissions(FileAttributes attrs) {
        Integer mode = attrs.permissions();
        if (mode == null) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(posix(mode))};
    }

    private static Set<PosixFilePermission> posix(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, 0400 to 0001
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                out.add(all[i]);
            }
        }
        return out;
    }

    @Override
    public void removeFile(String path) throws SftpException {
        Path file = resolveReal(path, false);
        if (Files.isDirectory(file, NOFOLLOW)) {
            throw new SftpException(FX_FAILURE, "Is a directory");
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public void renameFile(String oldPath, String newPath, boolean replace) throws SftpException {
        Path from = resolveReal(oldPath, false);
        Path to = resolveReal(newPath, false);
        if (from.equals(root) || to.equals(root)) {
            throw new SftpException(FX_PERMISSION_DENIED, "the root cannot be renamed");
        }
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                if (Files.exists(to, NOFOLLOW)) {
                    throw new SftpException(FX_FAILURE, "File exists");
                }
                Files.move(from, to);
            }
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public void makeDirectory(String path, FileAttributes attrs) throws SftpException {
        try {
            Files.createDirectory(resolveReal(path, false), permissions(attrs));
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public void removeDirectory(String path) throws SftpException {
        Path directory = resolveReal(path, false);
        if (directory.equals(root)) {
            throw new SftpException(FX_PERMISSION_DENIED, "the root cannot be removed");
        }
        if (Files.exists(directory, NOFOLLOW) && !Files.isDirectory(directory, NOFOLLOW)) {
            throw new SftpException(FX_FAILURE, "Not a directory");
        }
        try {
            Files.delete(directory);
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public SftpDirectory openDirectory(String path) throws SftpException {
        Path directory = resolveReal(path, true);
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
            return new LocalDirectory(root, directory, stream);
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public FileAttributes getAttrs(String path, boolean followLinks) throws SftpException {
        try {
            return Listing.stat(resolveReal(path, followLinks)).attrs();
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public void setAttrs(String path, FileAttributes attrs, boolean followLinks) throws SftpException {
        Path file = resolveReal(path, followLinks);
        try {
            if (!Files.exists(file, NOFOLLOW)) {
                throw new NoSuchFileException(path);
            }
            Long size = attrs.size();
            if (size != null) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    resize(channel, size);
                }
            }
            apply(file, attrs, Files.isSymbolicLink(file));
        } catch (IOException e) {
            throw status(e);
        }
    }

    /** Sets owner, permissions and times (not size) on a path, never following a link. */
    static void apply(Path file, FileAttributes attrs, boolean isLink) throws IOException {
        if (attrs.uid() != null && attrs.gid() != null) {
            Files.setAttribute(file, "unix:uid", attrs.uid(), NOFOLLOW);
            Files.setAttribute(file, "unix:gid", attrs.gid(), NOFOLLOW);
        }
        Integer mode = attrs.permissions();
        if (mode != null && !isLink) {
            Files.setAttribute(file, "unix:mode", mode & 07777, NOFOLLOW);
        }
        Integer atime = attrs.atime();
        Integer mtime = attrs.mtime();
        if (atime != null && mtime != null) {
            Files.getFileAttributeView(file, BasicFileAttributeView.class, NOFOLLOW).setTimes(
                    FileTime.fromMillis((mtime & 0xffffffffL) * 1000), FileTime.fromMillis((atime & 0xffffffffL) * 1000),
                    null);
        }
    }

    static void resize(FileChannel channel, long size) throws IOException {
        if (size < 0) {
            throw new IOException("Invalid size");
        }
        long current = channel.size();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            channel.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    @Override
    public String readLink(String path) throws SftpException {
        Path link = resolveReal(path, false);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/") ? virtualTarget(target) : target;
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public void makeLink(String linkPath, String targetPath) throws SftpException {
        List<String> link = resolve(linkPath, false);
        if (link.isEmpty()) {
            throw new SftpException(FX_FAILURE, "File exists");
        }
        List<String> directory = link.subList(0, link.size() - 1);
        List<String> target = normalize(directory, targetPath); // refuses a target that climbs out
        String stored = targetPath;
        if (targetPath.startsWith("/")) {
            int common = 0;
            while (common < directory.size() && common < target.size()
                    && directory.get(common).equals(target.get(common))) {
                common++;
            }
            List<String> relative = new ArrayList<>();
            for (int i = common; i < directory.size(); i++) {
                relative.add("..");
            }
            relative.addAll(target.subList(common, target.size()));
            stored = relative.isEmpty() ? "." : String.join("/", relative);
        }
        try {
            Files.createSymbolicLink(real(link), Path.of(stored));
        } catch (IOException e) {
            throw status(e);
        } catch (InvalidPathException e) {
            throw new SftpException(FX_NO_SUCH_FILE, "No such file");
        }
    }

    @Override
    public String realPath(String path) throws SftpException {
        String homeText = join(home);
        return join(resolve(path.equals("~") ? homeText : path.startsWith("~/") ? homeText + path.substring(1) : path,
                true));
    }

    @Override
    public void makeHardLink(String oldPath, String newPath) throws SftpException {
        Path existing = resolveReal(oldPath, false);
        Path link = resolveReal(newPath, false);
        try {
            Files.createLink(link, existing);
        } catch (IOException e) {
            throw status(e);
        }
    }

    @Override
    public StatVfs statVfs(String path) throws SftpException {
        return statVfs(resolveReal(path, true));
    }

    static StatVfs statVfs(Path path) throws SftpException {
        try {
            FileStore store = Files.getFileStore(path);
            long block = store.getBlockSize();
            return new StatVfs(block, block, store.getTotalSpace() / block, store.getUnallocatedSpace() / block,
                    store.getUsableSpace() / block, 0, 0, 0, 0, store.isReadOnly() ? 1 : 0, 255);
        } catch (IOException e) {
            throw status(e);
        } catch (UnsupportedOperationException e) {
            throw new SftpException(FX_OP_UNSUPPORTED, "statvfs is not supported here");
        }
    }

    @Override
    public String toString() {
        return "LocalFileSystem[" + root + "]";
    }
}
