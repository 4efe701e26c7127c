package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.logger.Events.event;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPublisherTest {

    /** An observer that records what it sees and throws on every event if told to. */
    private static final class Named implements LogObserver {
        final String name;
        final boolean broken;
        final List<LogEvent> seen = new ArrayList<>();

        Named(String name, boolean broken) {
            this.name = name;
            this.broken = broken;
        }

        @Override
        public void observe(LogEvent event) {
            seen.add(event);
            if (broken) {
                throw new IllegalStateException(name + " is broken");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void passesEachEventToEveryObserverInOrder() {
        List<String> order = new ArrayList<>();
        LogPublisher publisher = new LogPublisher(e -> order.add("first " + e.text()));
        publisher.addObserver(e -> order.add("second " + e.text()));
        publisher.observe(event("x"));
        assertThat(order).containsExactly("first x", "second x");
    }

    @Test
    void addingTwiceAddsOnceAndRemovingAbsentDoesNothing() {
        Named a = new Named("a", false);
        LogPublisher publisher = new LogPublisher();
        publisher.addObserver(a);
        publisher.addObserver(a);
        publisher.removeObserver(new Named("other", false));
        publisher.observe(event("x"));
        assertThat(a.seen).hasSize(1);
        assertThat(publisher.observers()).containsExactly(a);
        publisher.removeObserver(a);
        assertThat(publisher.observers()).isEmpty();
        assertThat(publisher.hasObservers()).isFalse();
    }

    @Test
    void brokenObserverDoesNotStopTheOthersAndIsReportedToThem() {
        Named before = new Named("before", false);
        Named broken = new Named("broken", true);
        Named after = new Named("after", false);
        LogPublisher publisher = new LogPublisher(before, broken, after);
        LogEvent original = event("original");
        publisher.observe(original);

        assertThat(after.seen).hasSize(2);
        assertThat(after.seen.get(0)).isSameAs(original);
        LogEvent report = after.seen.get(1);
        assertThat(report.level()).isEqualTo(LogLevel.CRITICAL);
        assertThat(report.namespace()).isEqualTo(LogPublisher.class.getName());
        assertThat(report.text()).isEqualTo("Log observer broken failed on an event; it stays registered");
        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().value()).hasMessage("broken is broken");
        assertThat(report.field("observer")).isSameAs(broken);
        assertThat(report.field("event")).isSameAs(original);
        assertThat(report.source()).isSameAs(publisher);
        assertThat(before.seen).containsExactly(original, report);

        assertThat(broken.seen).containsExactly(original);
        assertThat(publisher.observers()).containsExactly(before, broken, after);
    }

    @Test
    void brokenObserversReportingOnEachOtherStopAfterFewerAndFewerObservers() {
        Named a = new Named("a", true);
        Named b = new Named("b", true);
        Named c = new Named("c", false);
        new LogPublisher(a, b, c).observe(event("original"));
        assertThat(c.seen).extracting(e -> e.text() + " / " + e.field("observer")
                        + (e.field("event") instanceof LogEvent inner ? " about " + inner.field("observer") : ""))
                .containsExactly(
                        "original / null",
                        "Log observer a failed on an event; it stays registered / a about null",
                        "Log observer b failed on an event; it stays registered / b about a",
                        "Log observer b failed on an event; it stays registered / b about null",
                        "Log observer a failed on an event; it stays registered / a about b");
    }

    @Test
    void lonelyBrokenObserverIsNotToldAboutItself() {
        Named broken = new Named("broken", true);
        new LogPublisher(broken).observe(event("x"));
        assertThat(broken.seen).hasSize(1);
    }

    @Test
    void stackOverflowInAnObserverIsIsolatedButOutOfMemoryIsNot() {
        Named after = new Named("after", false);
        LogPublisher overflowing = new LogPublisher(e -> {
            throw new StackOverflowError("deep");
        }, after);
        overflowing.observe(event("x"));
        assertThat(after.seen).hasSize(2);

        LogPublisher outOfMemory = new LogPublisher(e -> {
            throw new OutOfMemoryError("full");
        });
        assertThatThrownBy(() -> outOfMemory.observe(event("x"))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void observerAddedWhilePublishingSeesOnlyLaterEvents() {
        Named late = new Named("late", false);
        LogPublisher publisher = new LogPublisher();
        publisher.addObserver(e -> publisher.addObserver(late));
        publisher.observe(event("first"));
        publisher.observe(event("second"));
        assertThat(late.seen).extracting(LogEvent::text).containsExactly("second");
    }

    @Test
    void observersIsASnapshot() {
        LogPublisher publisher = new LogPublisher();
        List<LogObserver> before = publisher.observers();
        publisher.addObserver(e -> { });
        assertThat(before).isEmpty();
        assertThatThrownBy(() -> publisher.observers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void replaceObserverSwapsInPlaceAndAddsWhenAbsent() {
        Named a = new Named("a", false);
        Named b = new Named("b", false);
        Named c = new Named("c", false);
        Named d = new Named("d", false);
        LogPublisher publisher = new LogPublisher(a, b, c);
        publisher.replaceObserver(b, List.of(d, c));
        assertThat(publisher.observers()).containsExactly(a, d, c);
        publisher.replaceObserver(b, List.of(b));
        assertThat(publisher.observers()).containsExactly(a, d, c, b);
    }

    @Test
    void nullObserverIsRejected() {
        assertThatThrownBy(() -> new LogPublisher().addObserver(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void globalIsOneInstance() {
        assertThat(LogPublisher.global()).isSameAs(LogPublisher.global());
    }
}
