package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.twisted4j.peers.Peer;

/** {@link Signals}: a handler runs when the process gets its signal, and signals the JVM keeps are refused. */
class SignalsTest {

    private static void send(String signal) throws Exception {
        Process kill = new ProcessBuilder(Peer.KILL.require().toString(), "-" + signal,
                String.valueOf(ProcessHandle.current().pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void aHandlerRunsOnEachSignalUntilTheOldOneIsRestored() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        Optional<Signals.Registration> registration = Signals.handle("USR1", () -> {
            first.countDown();
            second.countDown();
        });
        assertThat(registration).isPresent();
        try {
            send("USR1");
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
            send("USR1");
            assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            registration.get().restore();
        }
    }

    @Test
    void aSignalTheJvmKeepsOrDoesNotKnowIsRefused() {
        assertThat(Signals.handle("QUIT", () -> { })).isEmpty();
        assertThat(Signals.handle("NOSUCHSIGNAL", () -> { })).isEmpty();
    }
}
