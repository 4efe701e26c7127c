package org.twisted4j.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.runner.FakeProcessReactor.FakeProcess;

class ProcessMonitorTest {
    /** A small step that adds up exactly in binary floating point. */
    private static final double EPSILON = 1.0 / 1024;

    private final Clock clock = new Clock();
    private final FakeProcessReactor processes = new FakeProcessReactor();
    private final ProcessMonitor monitor = new ProcessMonitor(processes, clock);
    private final List<LogEvent> logged = new ArrayList<>();
    private final LogObserver observer = event -> {
        if (event.namespace().equals(ProcessMonitor.class.getName())) {
            logged.add(event);
        }
    };

    @BeforeEach
    void captureLog() {
        LogPublisher.global().addObserver(observer);
    }

    @AfterEach
    void releaseLog() {
        LogPublisher.global().removeObserver(observer);
    }

    private static boolean fired(Deferred<?> deferred) {
        return deferred.isCalled();
    }

    @Test
    void addingWhileRunningSpawnsAtOnceWithArgsEnvironmentAndDirectory() {
        monitor.startService();
        monitor.addProcess("web", List.of("/usr/bin/web", "--port", "80"), Map.of("LANG", "C"), Path.of("/srv"));

        FakeProcess web = processes.last();
        assertThat(web.executable).isEqualTo("/usr/bin/web");
        assertThat(web.args).containsExactly("/usr/bin/web", "--port", "80");
        assertThat(web.env).containsExactly(Map.entry("LANG", "C"));
        assertThat(web.path).isEqualTo(Path.of("/srv"));
        assertThat(monitor.isProcessRunning("web")).isTrue();
        assertThat(monitor.processTransport("web")).isSameAs(web);
    }

    @Test
    void theShortFormGivesAnEmptyEnvironmentAsTwistedDoes() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        assertThat(processes.last().env).isEmpty();
        assertThat(processes.last().path).isNull();
    }

    @Test
    void processesAddedBeforeStartRunOnlyOnceTheServiceStarts() {
        monitor.addProcess("a", List.of("a"));
        monitor.addProcess("b", List.of("b"));
        assertThat(processes.spawned).isEmpty();

        monitor.startService();

        assertThat(processes.spawned).extracting(p -> p.executable).containsExactly("a", "b");
    }

    @Test
    void namesAreUniqueAndUnknownNamesAreRefused() {
        monitor.addProcess("a", List.of("a"));
        assertThatThrownBy(() -> monitor.addProcess("a", List.of("other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> monitor.addProcess("empty", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.startProcess("x")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> monitor.stopProcess("x")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> monitor.removeProcess("x")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> monitor.restartDelay("x")).isInstanceOf(NoSuchElementException.class);
        assertThat(monitor.processNames()).containsExactly("a");
    }

    @Test
    void startingARunningProcessDoesNothing() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        monitor.startProcess("a");
        assertThat(processes.spawned).hasSize(1);
    }

    @Test
    void quickDeathsWaitTheRestartDelayWhichDoublesUpToTheMaximum() {
        monitor.setMaxRestartDelay(5);
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        double[] expectedWaits = {1, 2, 4, 5, 5};
        for (double wait : expectedWaits) {
            assertThat(monitor.restartDelay("a")).isEqualTo(wait);
            clock.advance(0.5);
            processes.last().exit(1);
            assertThat(monitor.isProcessRunning("a")).isFalse();
            int before = processes.spawned.size();

            clock.advance(wait - EPSILON);
            assertThat(processes.spawned).hasSize(before);
            clock.advance(EPSILON);
            assertThat(processes.spawned).hasSize(before + 1);
        }
        assertThat(monitor.restartDelay("a")).isEqualTo(5);
    }

    @Test
    void aRunAsLongAsTheThresholdRestartsAtOnceAndResetsTheDelay() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        processes.last().exit(1);
        clock.advance(1);
        processes.last().exit(1);
        clock.advance(2);
        assertThat(monitor.restartDelay("a")).isEqualTo(4);
        assertThat(processes.spawned).hasSize(3);

        clock.advance(ProcessMonitor.DEFAULT_THRESHOLD);     // exactly the threshold: not a quick death
        processes.last().exit(0);

        assertThat(monitor.restartDelay("a")).isEqualTo(ProcessMonitor.DEFAULT_MIN_RESTART_DELAY);
        assertThat(processes.spawned).hasSize(3);
        clock.advance(0);
        assertThat(processes.spawned).hasSize(4);
    }

    @Test
    void aDeathJustUnderTheThresholdIsQuick() {
        monitor.setThreshold(10);
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        clock.advance(10 - EPSILON);
        processes.last().exit(0);
        assertThat(monitor.restartDelay("a")).isEqualTo(2);
        clock.advance(0);
        assertThat(processes.spawned).hasSize(1);
    }

    @Test
    void aMinimumAboveTheMaximumIsCappedAtTheMaximumAfterTheFirstQuickDeath() {
        monitor.setMinRestartDelay(2);
        monitor.setMaxRestartDelay(3);
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        processes.last().exit(1);
        assertThat(monitor.restartDelay("a")).isEqualTo(3);
    }

    @Test
    void stoppingSendsTermThenKillAfterKillTime() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        FakeProcess a = processes.last();

        monitor.stopProcess("a");
        assertThat(a.signals).containsExactly("TERM");
        clock.advance(ProcessMonitor.DEFAULT_KILL_TIME - EPSILON);
        assertThat(a.signals).containsExactly("TERM");
        clock.advance(EPSILON);
        assertThat(a.signals).containsExactly("TERM", "KILL");
    }

    @Test
    void stoppingTwiceStillKillsAtTheFirstKillTime() {
        monitor.setKillTime(3);
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        monitor.stopProcess("a");
        clock.advance(2);
        monitor.stopProcess("a");
        clock.advance(1);
        assertThat(processes.last().signals).containsExactly("TERM", "TERM", "KILL");
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void aProcessEndingAfterTermIsNotKilledAndIsRestartedWhileTheServiceRuns() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        clock.advance(2);
        FakeProcess a = processes.last();
        monitor.stopProcess("a");
        clock.advance(1);
        a.exit(0);

        assertThat(clock.getDelayedCalls()).hasSize(1);       // the restart; the kill is called off
        clock.advance(0);
        assertThat(a.signals).containsExactly("TERM");
        assertThat(processes.spawned).hasSize(2);
    }

    @Test
    void stoppingAProcessThatIsNotRunningDoesNothing() {
        monitor.addProcess("a", List.of("a"));
        monitor.stopProcess("a");
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void restartAllStopsEveryProcessAndEachComesBack() {
        monitor.addProcess("a", List.of("a"));
        monitor.addProcess("b", List.of("b"));
        monitor.startService();
        clock.advance(5);
        FakeProcess a = processes.spawned.get(0);
        FakeProcess b = processes.spawned.get(1);

        monitor.restartAll();
        assertThat(a.signals).containsExactly("TERM");
        assertThat(b.signals).containsExactly("TERM");
        a.exit(0);
        b.exit(0);
        clock.advance(0);

        assertThat(processes.spawned).hasSize(4);
        assertThat(monitor.isProcessRunning("a")).isTrue();
        assertThat(monitor.isProcessRunning("b")).isTrue();
    }

    @Test
    void stopServiceStopsEveryProcessCallsOffRestartsAndFiresWhenAllHaveEnded() {
        monitor.addProcess("a", List.of("a"));
        monitor.addProcess("b", List.of("b"));
        monitor.startService();
        FakeProcess a = processes.spawned.get(0);
        FakeProcess b = processes.spawned.get(1);
        b.exit(1);                                             // b waits for its restart

        Deferred<@Nullable Void> stopped = monitor.stopService();

        assertThat(a.signals).containsExactly("TERM");
        assertThat(fired(stopped)).isFalse();
        clock.advance(ProcessMonitor.DEFAULT_KILL_TIME);
        assertThat(a.signals).containsExactly("TERM", "KILL");
        assertThat(fired(stopped)).isFalse();
        a.exit(137);
        assertThat(fired(stopped)).isTrue();
        clock.advance(3600);
        assertThat(processes.spawned).hasSize(2);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopServiceWithNothingRunningFiresAtOnce() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        monitor.startService();
        processes.last().exit(1);
        assertThat(fired(monitor.stopService())).isTrue();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void aStoppedServiceStartsItsProcessesAgain() {
        monitor.addProcess("a", List.of("a"));
        monitor.startService();
        monitor.stopService();
        processes.last().exit(0);

        monitor.startService();
        assertThat(processes.spawned).hasSize(2);
        assertThat(monitor.restartDelay("a")).isEqualTo(2);
    }

    @Test
    void removeProcessStopsItForGoodAndCallsOffAPendingRestart() {
        monitor.addProcess("a", List.of("a"));
        monitor.addProcess("b", List.of("b"));
        monitor.startService();
        FakeProcess a = processes.spawned.get(0);
        processes.spawned.get(1).exit(1);

        monitor.removeProcess("a");
        monitor.removeProcess("b");
        assertThat(a.signals).containsExactly("TERM");
        Deferred<@Nullable Void> stopped = monitor.stopService();
        a.exit(0);

        assertThat(fired(stopped)).isTrue();
        clock.advance(10);
        assertThat(processes.spawned).hasSize(2);
        assertThat(monitor.processNames()).isEmpty();
    }

    @Test
    void aProgramThatCannotStartIsLoggedAndRetriedAsAQuickDeath() {
        processes.makeMissing("nope");
        monitor.addProcess("n", List.of("nope"));
        monitor.startService();

        assertThat(monitor.isProcessRunning("n")).isFalse();
        assertThat(logged).anySatisfy(e -> assertThat(e.failure()).isNotNull());
        assertThat(monitor.restartDelay("n")).isEqualTo(2);
        assertThat(clock.getDelayedCalls()).hasSize(1);
        assertThat(clock.getDelayedCalls().getFirst().getTime()).isEqualTo(1);
        monitor.stopService();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void eachOutputLineIsLoggedWithTheProcessNameAndStream() {
        monitor.addProcess("web", List.of("web"));
        monitor.startService();
        FakeProcess web = processes.last();

        web.output(1, "listening\nhal");
        web.output(1, "f a line\nno end");
        web.output(2, "warn: ün\n");
        web.exit(0);

        List<String> lines = logged.stream().filter(e -> e.field("line") != null)
                .map(e -> e.field("stream") + " " + e.text()).toList();
        assertThat(lines).containsExactly("stdout [web] listening", "stdout [web] half a line",
                "stderr [web] warn: ün", "stdout [web] no end");
        assertThat(logged).allSatisfy(e -> assertThat(e.failure()).isNull());
    }

    @Test
    void settingsRejectNegativeTimes() {
        assertThatThrownBy(() -> monitor.setThreshold(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.setKillTime(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.setMinRestartDelay(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.setMaxRestartDelay(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(monitor.threshold()).isEqualTo(1);
        assertThat(monitor.killTime()).isEqualTo(5);
        assertThat(monitor.minRestartDelay()).isEqualTo(1);
        assertThat(monitor.maxRestartDelay()).isEqualTo(3600);
    }
}
