package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.logger.Events.event;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilteringLogObserverTest {

    private final LimitedHistoryLogObserver passed = new LimitedHistoryLogObserver(100);
    private final LimitedHistoryLogObserver stopped = new LimitedHistoryLogObserver(100);

    private static LogFilterPredicate answering(String text, PredicateResult result) {
        return e -> e.text().equals(text) ? result : PredicateResult.MAYBE;
    }

    private static List<String> texts(LimitedHistoryLogObserver observer) {
        return observer.events().stream().map(LogEvent::text).toList();
    }

    @Test
    void firstDecisivePredicateWinsAndAllMaybeLetsThrough() {
        FilteringLogObserver filter = new FilteringLogObserver(passed, List.of(
                answering("yes-then-no", PredicateResult.YES),
                answering("no-then-yes", PredicateResult.NO),
                answering("yes-then-no", PredicateResult.NO),
                answering("no-then-yes", PredicateResult.YES)), stopped);
        filter.observe(event("yes-then-no"));
        filter.observe(event("no-then-yes"));
        filter.observe(event("undecided"));
        assertThat(texts(passed)).containsExactly("yes-then-no", "undecided");
        assertThat(texts(stopped)).containsExactly("no-then-yes");
    }

    @Test
    void withoutPredicatesEverythingPasses() {
        new FilteringLogObserver(passed).observe(event("x"));
        assertThat(texts(passed)).containsExactly("x");
    }

    @Test
    void stoppedEventsAreDroppedWithoutANegativeObserver() {
        FilteringLogObserver filter = new FilteringLogObserver(passed, e -> PredicateResult.NO);
        filter.observe(event("x"));
        assertThat(passed.events()).isEmpty();
    }

    @Test
    void levelPredicateFiltersByNamespaceHierarchy() {
        LogLevelFilterPredicate levels = new LogLevelFilterPredicate(LogLevel.WARN);
        levels.setLogLevelForNamespace("org.twisted4j.web", LogLevel.DEBUG);
        FilteringLogObserver filter = new FilteringLogObserver(passed, levels);
        filter.observe(event(LogLevel.DEBUG, "org.twisted4j.web.server", "web debug"));
        filter.observe(event(LogLevel.INFO, "org.twisted4j.mail", "mail info"));
        filter.observe(event(LogLevel.ERROR, "org.twisted4j.mail", "mail error"));
        assertThat(texts(passed)).containsExactly("web debug", "mail error");
    }

    @Test
    void predicateThatThrowsReachesTheCaller() {
        FilteringLogObserver filter = new FilteringLogObserver(passed, e -> {
            throw new IllegalStateException("bad predicate");
        });
        assertThatThrownBy(() -> filter.observe(event("x"))).hasMessage("bad predicate");
    }
}
