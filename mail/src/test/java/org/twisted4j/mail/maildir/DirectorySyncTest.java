package org.twisted4j.mail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DirectorySyncTest {

    private static final Path DIR = Path.of("new");

    /** A syncer whose first sync waits until released, and which fails the syncs it is told to. */
    private static final class Gate implements DirectorySync.Syncer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean failFirst;

        @Override
        public void sync(Path directory) throws IOException {
            calls.add(directory.toString());
            if (calls.size() == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (failFirst) {
                    throw new IOException("disk on fire");
                }
            }
        }
    }

    private static void awaitWaiting(DirectorySync sync, int threads) {
        while (sync.waiting() < threads) {
            Thread.onSpinWait();
        }
    }

    @Test
    void threadsThatAskDuringASyncShareTheNextOne() throws Exception {
        Gate gate = new Gate();
        DirectorySync sync = new DirectorySync(DIR, gate);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = threads.submit(() -> {
                sync.sync();
                return null;
            });
            gate.entered.await();
            List<Future<?>> later = List.of(threads.submit(() -> {
                sync.sync();
                return null;
            }), threads.submit(() -> {
                sync.sync();
                return null;
            }), threads.submit(() -> {
                sync.sync();
                return null;
            }));
            awaitWaiting(sync, 3);   // asked after the first sync began: it cannot cover them
            gate.release.countDown();
            first.get();
            for (Future<?> f : later) {
                f.get();
            }
        }
        assertThat(gate.calls).containsExactly("new", "new");
    }

    @Test
    void aFailedSyncFailsItsThreadAndTheWaitingOnesRunAnother() throws Exception {
        Gate gate = new Gate();
        gate.failFirst = true;
        DirectorySync sync = new DirectorySync(DIR, gate);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = threads.submit(() -> {
                sync.sync();
                return null;
            });
            gate.entered.await();
            Future<?> second = threads.submit(() -> {
                sync.sync();
                return null;
            });
            awaitWaiting(sync, 1);
            gate.release.countDown();
            assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("disk on fire");
            second.get();
        }
        assertThat(gate.calls).hasSize(2);
        sync.sync();   // alone: a sync of its own
        assertThat(gate.calls).hasSize(3);
    }
}
