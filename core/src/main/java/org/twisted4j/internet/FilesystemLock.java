package org.twisted4j.internet;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A lock between processes kept in the file system, as Twisted's {@code twisted.python.lockfile}: a
 * symbolic link whose target is the owner's process id, created atomically. A lock whose owner no longer
 * runs is stale and is broken by the next taker, which then knows the last owner did not clean up. The
 * layout is Twisted's, so a twisted4j server and a Twisted one respect each other's locks. Any thread.
 */
final class FilesystemLock {
    private final Path path;
    private boolean clean;
    private boolean locked;

    FilesystemLock(Path path) {
        this.path = path;
    }

    /**
     * Takes the lock, breaking a stale one.
     *
     * @return true if this process now holds it; false if a running process does
     * @throws IOException if the file system refuses
     */
    boolean lock() throws IOException {
        boolean wasClean = true;
        while (true) {
            try {
                Files.createSymbolicLink(path, Path.of(Long.toString(ProcessHandle.current().pid())));
                locked = true;
                clean = wasClean;
                return true;
            } catch (FileAlreadyExistsException held) {
                long owner;
                try {
                    owner = owner(path);
                } catch (NoSuchFileException justReleased) {
                    continue;
                }
                if (owner > 0 && ProcessHandle.of(owner).isPresent()) {
                    return false;
                }
                try {
                    Files.delete(path);
                } catch (NoSuchFileException brokenMeanwhile) {
                    continue;
                }
                wasClean = false;
            }
        }
    }

    /** Returns whether the last holder released the lock itself; meaningful after {@link #lock()}. */
    boolean clean() {
        return clean;
    }

    /**
     * Releases the lock held by this process.
     *
     * @throws IOException if the file system refuses
     * @throws IllegalStateException if this process does not hold the lock
     */
    void unlock() throws IOException {
        if (!locked || owner(path) != ProcessHandle.current().pid()) {
            throw new IllegalStateException("the lock " + path + " is not held by this process");
        }
        Files.delete(path);
        locked = false;
    }

    /**
     * Returns whether a running process, this one included, holds the lock at {@code path}.
     *
     * @throws IOException if the file system refuses
     */
    static boolean isLocked(Path path) throws IOException {
        FilesystemLock lock = new FilesystemLock(path);
        if (lock.lock()) {
            lock.unlock();
            return false;
        }
        return true;
    }

    /**
     * Returns the process id a lock names, or -1 if its target is not a number.
     *
     * @throws java.nio.file.NotLinkException if something other than a lock is in the way
     */
    private static long owner(Path path) throws IOException {
        try {
            return Long.parseLong(Files.readSymbolicLink(path).toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
