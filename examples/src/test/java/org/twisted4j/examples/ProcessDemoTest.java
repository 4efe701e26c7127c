package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class ProcessDemoTest {

    @Test
    void listsADirectoryThroughAChildLs(NioReactor reactor, @TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("b.txt"), "b");
        Files.writeString(directory.resolve("a.txt"), "a");

        assertThat(Coroutine.await(ProcessDemo.list(reactor, directory.toString()))).isEqualTo("a.txt\nb.txt\n");
    }

    @Test
    void lsFailingOnAMissingDirectoryFailsTheListing(NioReactor reactor, @TempDir Path directory) {
        assertThatThrownBy(() -> Coroutine.await(ProcessDemo.list(reactor, directory.resolve("missing").toString())))
                .isInstanceOfSatisfying(ProcessTerminated.class,
                        terminated -> assertThat(terminated.exitCode()).hasValue(2));
    }
}
