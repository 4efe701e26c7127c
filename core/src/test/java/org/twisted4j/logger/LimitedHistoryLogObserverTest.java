package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.logger.Events.event;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitedHistoryLogObserverTest {

    @Test
    void keepsEventsInOrderUpToItsSize() {
        LimitedHistoryLogObserver history = new LimitedHistoryLogObserver(3);
        for (int i = 1; i <= 5; i++) {
            history.observe(event("e" + i));
        }
        assertThat(history.events()).extracting(LogEvent::text).containsExactly("e3", "e4", "e5");
        assertThat(history.size()).isEqualTo(3);
    }

    @Test
    void replaysOldestFirstAndKeepsTheEvents() {
        LimitedHistoryLogObserver history = new LimitedHistoryLogObserver(10);
        history.observe(event("a"));
        history.observe(event("b"));
        List<String> seen = new ArrayList<>();
        history.replayTo(e -> seen.add(e.text()));
        assertThat(seen).containsExactly("a", "b");
        assertThat(history.events()).hasSize(2);
    }

    @Test
    void sizeZeroKeepsNothing() {
        LimitedHistoryLogObserver history = new LimitedHistoryLogObserver(0);
        history.observe(event("a"));
        assertThat(history.events()).isEmpty();
    }

    @Test
    void clearForgetsEverything() {
        LimitedHistoryLogObserver history = new LimitedHistoryLogObserver(2);
        history.observe(event("a"));
        history.clear();
        assertThat(history.events()).isEmpty();
    }

    @Test
    void negativeSizeIsRejected() {
        assertThatThrownBy(() -> new LimitedHistoryLogObserver(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void eventsIsASnapshot() {
        LimitedHistoryLogObserver history = new LimitedHistoryLogObserver(2);
        List<LogEvent> before = history.events();
        history.observe(event("a"));
        assertThat(before).isEmpty();
    }
}
