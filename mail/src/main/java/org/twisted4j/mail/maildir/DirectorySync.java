package org.twisted4j.mail.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Syncs a directory for every thread that needs its latest entries on disk, one {@code fsync} serving all the
 * threads that asked before it began (group commit): concurrent deliveries into one Maildir each rename a file
 * into {@code new/} and then need {@code new/} synced, and one sync after all their renames does for them all.
 * A thread that asks while a sync runs waits for the next one, since its rename may have come after the running
 * sync read the directory. A failed sync throws in the thread that ran it; the threads waiting on it run another.
 *
 * <p>Threading: any thread; {@link #sync} blocks (virtual threads may wait in it cheaply). Package-private.
 */
final class DirectorySync {

    private static final ConcurrentMap<Path, DirectorySync> BY_DIRECTORY = new ConcurrentHashMap<>();

    /** How a directory is synced: {@link #force} but in tests. */
    interface Syncer {
        void sync(Path directory) throws IOException;
    }

    private final Path directory;
    private final Syncer syncer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    /** How many syncs were asked for, and up to which of them the directory is known to be on disk. */
    private long asked;
    private long done;
    private boolean running;

    DirectorySync(Path directory, Syncer syncer) {
        this.directory = directory;
        this.syncer = syncer;
    }

    /** Returns the one instance for {@code directory} in this process, so that all its writers share syncs. */
    static DirectorySync of(Path directory) {
        return BY_DIRECTORY.computeIfAbsent(directory.toAbsolutePath().normalize(),
                path -> new DirectorySync(path, DirectorySync::force));
    }

    /**
     * Returns once the directory has been synced after this call began: every change made to it before the call
     * is on disk.
     *
     * @throws IOException if the sync this thread ran or took part in failed
     */
    void sync() throws IOException {
        lock.lock();
        try {
            long mine = ++asked;
            while (done < mine) {
                if (running) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                running = true;
                long covers = asked;
                boolean ok = false;
                lock.unlock();
                try {
                    syncer.sync(directory);
                    ok = true;
                } finally {
                    lock.lock();
                    running = false;
                    if (ok) {
                        done = Math.max(done, covers);
                    }
                    synced.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many threads wait for a sync to end (for tests). */
    int waiting() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(synced);
        } finally {
            lock.unlock();
        }
    }

    /** Syncs one directory now, alone. */
    static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
