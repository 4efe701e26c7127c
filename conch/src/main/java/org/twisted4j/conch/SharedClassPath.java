package org.twisted4j.conch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;

/**
 * Class path entries a child JVM running as another account can read. A server started from a user's build
 * (its jars in {@code ~/.m2} under a home of mode 0700) has a class path no other account reaches; such an entry is
 * copied, once per JVM, into a directory every account may read (mode 0755, files 0644, in the temporary
 * directory, removed when the JVM exits). Entries every account can read already are used where they are.
 *
 * <p>Checking and copying touch the file system (a copy of a jar takes tens of milliseconds, more on a busy
 * disk), so code on the reactor thread asks through {@link #readableByAll(ReactorThreads, List)}, which does both
 * on a thread of the pool; each location is copied once, and every later caller gets that copy.
 *
 * <h2>Threading</h2>
 * {@link #readableByAll(ReactorThreads, List)} from the reactor thread; the other methods block, from any thread
 * but the reactor's (one copy at a time).
 */
final class SharedClassPath {
    private static final Map<Path, Path> COPIES = new HashMap<>();
    private static @Nullable Path shared;

    private SharedClassPath() {
    }

    /**
     * Returns, through a Deferred fired on the reactor thread, each location as {@link #readableByAll(Path)}
     * gives it, in the same order. The checks and any copy run on a thread of {@code threads}, never on the
     * caller's.
     *
     * @param threads where the file system work runs (the reactor)
     * @param locations jars or directories of classes
     */
    static Deferred<List<Path>> readableByAll(ReactorThreads threads, List<Path> locations) {
        List<Path> given = List.copyOf(locations);
        return threads.deferToThread(() -> given.stream().map(SharedClassPath::readableByAll).toList());
    }

    /**
     * Returns {@code location} (a jar or a directory of classes) if every account can read it, else its copy.
     * Blocks while it checks and copies: not for the reactor thread.
     *
     * @throws UncheckedIOException if the copy cannot be made
     */
    static synchronized Path readableByAll(Path location) {
        if (readableByOthers(location)) {
            return location;
        }
        Path copy = COPIES.get(location);
        if (copy != null) {
            return copy;
        }
        try {
            Path into = sharedDirectory().resolve(COPIES.size() + "-" + location.getFileName());
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = into.resolve(location.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            COPIES.put(location, into);
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot share " + location + " with other accounts", e);
        }
    }

    /** Whether others may read the file (and enter it, if a directory) and enter every directory above it. */
    static boolean readableByOthers(Path location) {
        try {
            Set<PosixFilePermission> own = Files.getPosixFilePermissions(location);
            if (!own.contains(PosixFilePermission.OTHERS_READ)
                    || Files.isDirectory(location) && !own.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
            for (Path up = location.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
                if (!Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Path sharedDirectory() throws IOException {
        Path made = shared;
        if (made == null) {
            made = Files.createTempDirectory("twisted4j-classes-");
            Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rwxr-xr-x"));
            shared = made;
            Path remove = made;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(remove), "twisted4j-classes-cleanup"));
        }
        return made;
    }

    private static void delete(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Left for the temporary directory's own cleaning.
        }
    }
}
