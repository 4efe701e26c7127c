package org.twisted4j.testing.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.runner.ProcessMonitor;
import org.twisted4j.trial.TrialExtension;

/** The process monitor with real children: a child killed from outside comes back, and stopping ends it. */
@ExtendWith(TrialExtension.class)
class ProcessMonitorOverNioReactorTest {
    /** What the monitor logs, handed to whoever waits for the next event of a kind; reactor thread only. */
    private final Deque<Deferred<LogEvent>> lineWaiters = new ArrayDeque<>();
    private final Deque<Deferred<LogEvent>> endWaiters = new ArrayDeque<>();
    private final LogObserver observer = event -> {
        if (!event.namespace().equals(ProcessMonitor.class.getName())) {
            return;
        }
        Deque<Deferred<LogEvent>> waiters = event.field("line") != null ? lineWaiters : endWaiters;
        Deferred<LogEvent> next = waiters.poll();
        if (next != null) {
            next.callback(event);
        }
    };

    @BeforeEach
    void observe() {
        LogPublisher.global().addObserver(observer);
    }

    @AfterEach
    void stopObserving() {
        LogPublisher.global().removeObserver(observer);
    }

    private Deferred<LogEvent> nextLine() {
        Deferred<LogEvent> waiter = new Deferred<>();
        lineWaiters.add(waiter);
        return waiter;
    }

    private Deferred<LogEvent> nextEnd() {
        Deferred<LogEvent> waiter = new Deferred<>();
        endWaiters.add(waiter);
        return waiter;
    }

    @Test
    void aChildKilledFromOutsideIsRestartedAndStopServiceEndsItWithTerm(NioReactor reactor) throws Exception {
        ProcessMonitor monitor = new ProcessMonitor(reactor);
        monitor.setThreshold(0);                                   // every death counts as after a long run
        monitor.addProcess("sleeper", List.of("/bin/sh", "-c", "echo up; exec sleep 100"), null, null);
        Deferred<LogEvent> up = nextLine();
        monitor.startService();

        assertThat(Coroutine.await(up).text()).isEqualTo("[sleeper] up");
        ProcessTransport first = monitor.processTransport("sleeper");
        assertThat(first).isNotNull();
        long firstPid = first.pid();

        Deferred<LogEvent> upAgain = nextLine();
        Deferred<LogEvent> killed = nextEnd();
        Process kill = new ProcessBuilder("/bin/kill", "-KILL", Long.toString(firstPid)).start();
        int killStatus = Coroutine.await(reactor.<Integer>deferToThread(kill::waitFor));
        assertThat(killStatus).isZero();

        assertThat(Coroutine.await(killed).text()).contains("exit code 137");
        assertThat(Coroutine.await(upAgain).text()).isEqualTo("[sleeper] up");
        ProcessTransport second = monitor.processTransport("sleeper");
        assertThat(second).isNotNull();
        assertThat(second.pid()).isNotEqualTo(firstPid);

        Deferred<LogEvent> stoppedEnd = nextEnd();
        Deferred<@Nullable Void> stopped = monitor.stopService();
        Coroutine.await(stopped);

        assertThat(Coroutine.await(stoppedEnd).text()).contains("signal 15");
        assertThat(monitor.isProcessRunning("sleeper")).isFalse();
        assertThat(ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
