package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;

/**
 * Class path entries other accounts cannot reach are copied where they can; others are used where they are; the
 * reactor thread hands the checks and the copy to the pool.
 */
class SharedClassPathTest {
    @TempDir
    Path dir;

    @Test
    void aJarInAPrivateDirectoryIsCopiedOnce() throws Exception {
        Path hidden = Files.createDirectory(dir.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path jar = Files.writeString(hidden.resolve("lib.jar"), "classes");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(SharedClassPath.readableByOthers(jar)).isFalse();

        Path copy = SharedClassPath.readableByAll(jar);
        assertThat(copy).isNotEqualTo(jar).hasContent("classes");
        assertThat(SharedClassPath.readableByOthers(copy)).isTrue();
        assertThat(SharedClassPath.readableByAll(jar)).isEqualTo(copy);
    }

    @Test
    void aDirectoryOfClassesIsCopiedWhole() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/org/example"));
        Files.writeString(classes.resolve("A.class"), "a");
        Path copy = SharedClassPath.readableByAll(dir.resolve("classes"));
        assertThat(copy.resolve("org/example/A.class")).hasContent("a");
        assertThat(SharedClassPath.readableByOthers(copy.resolve("org/example/A.class"))).isTrue();
    }

    @Test
    void whatEveryoneReadsStaysWhereItIs() throws Exception {
        Path open = Path.of(System.getProperty("java.home"), "release");
        assertThat(SharedClassPath.readableByOthers(open)).isTrue();
        assertThat(SharedClassPath.readableByAll(open)).isEqualTo(open);
    }

    @Test
    void theReactorOnlyQueuesTheCopyForAnotherThread() throws Exception {
        Path hidden = Files.createDirectory(dir.resolve("hidden"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path jar = Files.writeString(hidden.resolve("other.jar"), "more classes");
        List<Callable<?>> queued = new ArrayList<>();
        ReactorThreads threads = new ReactorThreads() {
            @Override
            public void callFromThread(Runnable call) {
                call.run();
            }

            @Override
            public void callInThread(Runnable call) {
                queued.add(Executors.callable(call));
            }

            @Override
            public <T extends @Nullable Object> Deferred<T> deferToThread(Callable<? extends T> work) {
                Deferred<T> result = new Deferred<>();
                queued.add(() -> {
                    T value = work.call();
                    callFromThread(() -> result.callback(value));
                    return null;
                });
                return result;
            }
        };
        List<Path> got = new ArrayList<>();
        Deferred<List<Path>> shared = SharedClassPath.readableByAll(threads, List.of(jar));
        shared.addCallback(got::addAll);
        assertThat(queued).as("work handed to the pool").hasSize(1);
        assertThat(got).as("nothing checked or copied on the calling thread").isEmpty();

        Thread reactorThread = Thread.currentThread();
        List<Thread> copiedOn = new ArrayList<>();
        Thread pool = Thread.ofVirtual().start(() -> {
            copiedOn.add(Thread.currentThread());
            try {
                queued.get(0).call();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        pool.join();
        assertThat(copiedOn).doesNotContain(reactorThread);
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).isNotEqualTo(jar).hasContent("more classes");
        assertThat(SharedClassPath.readableByAll(jar)).as("copied once, shared after").isEqualTo(got.get(0));
    }
}
