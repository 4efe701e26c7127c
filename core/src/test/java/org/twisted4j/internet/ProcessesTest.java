package org.twisted4j.internet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;

class ProcessesTest {
    private static final long T = RunningReactor.TIMEOUT_SECONDS;
    private static final String SH = "/bin/sh";

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    /** Starts what {@code start} returns on the reactor thread and waits for its outcome, success or failure. */
    private <T> CompletableFuture<T> outcome(Callable<Deferred<T>> start) throws Exception {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        running.run(() -> start.call().addCallbacks(value -> {
            outcome.complete(value);
            return null;
        }, failure -> {
            outcome.completeExceptionally(failure.value());
            return null;
        }));
        return outcome;
    }

    private static List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }

    @Test
    void getProcessOutputFiresWithStandardOutputWhateverTheExitCode() throws Exception {
        byte[] out = outcome(() -> Processes.getProcessOutput(running.reactor, SH, shell("echo out; exit 4"),
                null, null, false)).get(T, TimeUnit.SECONDS);
        assertThat(new String(out, US_ASCII)).isEqualTo("out\n");
    }

    @Test
    void getProcessOutputFailsOnStandardErrorUnlessTakingItToo() throws Exception {
        CompletableFuture<byte[]> refused = outcome(() -> Processes.getProcessOutput(running.reactor, SH,
                shell("echo out; echo bad 1>&2"), null, null, false));
        byte[] merged = outcome(() -> Processes.getProcessOutput(running.reactor, SH,
                shell("echo one; echo two 1>&2"), null, null, true)).get(T, TimeUnit.SECONDS);

        assertThat(refused).failsWithin(T, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOf(IOException.class).withMessage("got stderr: bad\n");
        String[] lines = new String(merged, US_ASCII).split("\n");
        Arrays.sort(lines);
        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void getProcessValueFiresWithTheExitCode() throws Exception {
        int three = outcome(() -> Processes.getProcessValue(running.reactor, SH, shell("echo ignored; exit 3"),
                null, null)).get(T, TimeUnit.SECONDS);
        int zero = outcome(() -> Processes.getProcessValue(running.reactor, "true", List.of("true"), null, null))
                .get(T, TimeUnit.SECONDS);
        int killed = outcome(() -> Processes.getProcessValue(running.reactor, SH, shell("kill -KILL $$"),
                null, null)).get(T, TimeUnit.SECONDS);
        assertThat(three).isEqualTo(3);
        assertThat(zero).isZero();
        assertThat(killed).isEqualTo(128 + 9);
    }

    @Test
    void getProcessOutputAndValueFiresWithBothStreamsAndTheExitCode() throws Exception {
        ProcessOutput result = outcome(() -> Processes.getProcessOutputAndValue(running.reactor, SH,
                shell("echo o; echo e 1>&2; read nothing; exit 2"), null, null)).get(T, TimeUnit.SECONDS);
        assertThat(result.outText(US_ASCII)).isEqualTo("o\n");
        assertThat(result.errText(US_ASCII)).isEqualTo("e\n");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result).isEqualTo(new ProcessOutput("o\n".getBytes(US_ASCII), "e\n".getBytes(US_ASCII), 2));
    }
}
