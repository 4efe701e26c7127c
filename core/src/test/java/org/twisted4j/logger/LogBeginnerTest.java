package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.logger.Events.event;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBeginnerTest {

    private final LogPublisher publisher = new LogPublisher();
    private final LimitedHistoryLogObserver critical = new LimitedHistoryLogObserver(100);
    private final LogBeginner beginner = new LogBeginner(publisher, 3, critical);
    private final Logger log = new Logger("app", null, publisher);

    private static List<String> texts(LimitedHistoryLogObserver observer) {
        return observer.events().stream().map(LogEvent::text).toList();
    }

    @Test
    void eventsBeforeBeginningAreReplayedOldestFirstUpToTheBufferSize() {
        for (int i = 1; i <= 5; i++) {
            log.info("early {i}", "i", i);
        }
        LimitedHistoryLogObserver target = new LimitedHistoryLogObserver(100);
        beginner.beginLoggingTo(target);
        log.info("live");
        assertThat(texts(target)).containsExactly("early 3", "early 4", "early 5", "live");
    }

    @Test
    void replayGoesToEveryNewObserverAndTheBufferLeavesThePublisher() {
        log.info("early");
        LimitedHistoryLogObserver first = new LimitedHistoryLogObserver(10);
        LimitedHistoryLogObserver second = new LimitedHistoryLogObserver(10);
        assertThat(beginner.hasBegun()).isFalse();
        beginner.beginLoggingTo(first, second);
        assertThat(beginner.hasBegun()).isTrue();
        assertThat(publisher.observers()).containsExactly(first, second);
        assertThat(texts(first)).containsExactly("early");
        assertThat(texts(second)).containsExactly("early");
    }

    @Test
    void discardingTheBufferReplaysNothing() {
        log.info("early");
        LimitedHistoryLogObserver target = new LimitedHistoryLogObserver(10);
        beginner.beginLoggingTo(List.of(target), true);
        log.info("live");
        assertThat(texts(target)).containsExactly("live");
    }

    @Test
    void criticalEventsAreShownAtOnceWhileBufferingAndNotAfter() {
        log.error("bad");
        log.critical("very bad");
        assertThat(texts(critical)).containsExactly("very bad");
        beginner.beginLoggingTo(new LimitedHistoryLogObserver(10));
        log.critical("after");
        assertThat(texts(critical)).containsExactly("very bad");
    }

    @Test
    void eventStillOnItsWayToTheBufferAfterTheSwitchIsForwardedOnce() {
        LogObserver buffer = publisher.observers().get(0);
        LimitedHistoryLogObserver target = new LimitedHistoryLogObserver(10);
        log.info("buffered");
        beginner.beginLoggingTo(target);
        buffer.observe(event("in flight"));
        assertThat(texts(target)).containsExactly("buffered", "in flight");
    }

    @Test
    void observerThatThrowsDuringReplayIsReportedAndReplayContinues() {
        log.info("one");
        log.info("two");
        List<String> good = new ArrayList<>();
        beginner.beginLoggingTo(e -> {
            throw new IllegalStateException("broken");
        }, e -> good.add(e.text()));
        assertThat(good).containsExactly("one",
                "Log observer " + publisher.observers().get(0) + " failed on an event; it stays registered",
                "two",
                "Log observer " + publisher.observers().get(0) + " failed on an event; it stays registered");
    }

    @Test
    void beginningTwiceAddsTheObserversWarnsAndDoesNotReplay() {
        log.info("early");
        LimitedHistoryLogObserver first = new LimitedHistoryLogObserver(10);
        LimitedHistoryLogObserver second = new LimitedHistoryLogObserver(10);
        beginFirst(first);
        beginSecond(second);
        assertThat(publisher.observers()).containsExactly(first, second);
        assertThat(texts(second)).hasSize(1);
        LogEvent warning = second.events().get(0);
        assertThat(warning.level()).isEqualTo(LogLevel.WARN);
        assertThat(warning.namespace()).isEqualTo(LogBeginner.class.getName());
        assertThat(warning.text())
                .startsWith("Logging was begun twice: at " + LogBeginnerTest.class.getName() + ".beginSecond(")
                .contains("and before that at " + LogBeginnerTest.class.getName() + ".beginFirst(")
                .endsWith("Remove one of the calls to beginLoggingTo.");
        assertThat(texts(first)).hasSize(2);
    }

    private void beginFirst(LogObserver observer) {
        beginner.beginLoggingTo(observer);
    }

    private void beginSecond(LogObserver observer) {
        beginner.beginLoggingTo(observer);
    }

    @Test
    void bufferSizeZeroKeepsNothing() {
        LogPublisher otherPublisher = new LogPublisher();
        LogBeginner unbuffered = new LogBeginner(otherPublisher, 0, null);
        new Logger("x", null, otherPublisher).critical("lost");
        LimitedHistoryLogObserver target = new LimitedHistoryLogObserver(10);
        unbuffered.beginLoggingTo(target);
        assertThat(target.events()).isEmpty();
    }

    @Test
    void negativeBufferSizeIsRejected() {
        assertThatThrownBy(() -> new LogBeginner(new LogPublisher(), -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void globalBeginnerBuffersOnTheGlobalPublisher() {
        assertThat(LogBeginner.global()).isSameAs(LogBeginner.global());
        assertThat(LogBeginner.DEFAULT_BUFFER_SIZE).isEqualTo(1000);
        if (!LogBeginner.global().hasBegun()) {
            assertThat(LogPublisher.global().hasObservers()).isTrue();
        }
    }
}
