package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.logger.Events.event;

import org.junit.jupiter.api.Test;

class LogLevelFilterPredicateTest {

    private final LogLevelFilterPredicate levels = new LogLevelFilterPredicate(LogLevel.WARN);

    @Test
    void defaultLevelIsInfoUnlessGiven() {
        assertThat(new LogLevelFilterPredicate().defaultLogLevel()).isEqualTo(LogLevel.INFO);
        assertThat(levels.defaultLogLevel()).isEqualTo(LogLevel.WARN);
        assertThat(levels.logLevelForNamespace("any.thing")).isEqualTo(LogLevel.WARN);
    }

    @Test
    void childNamespacesInheritTheNearestAncestorsLevel() {
        levels.setLogLevelForNamespace("a", LogLevel.ERROR);
        levels.setLogLevelForNamespace("a.b", LogLevel.DEBUG);
        assertThat(levels.logLevelForNamespace("a")).isEqualTo(LogLevel.ERROR);
        assertThat(levels.logLevelForNamespace("a.x")).isEqualTo(LogLevel.ERROR);
        assertThat(levels.logLevelForNamespace("a.b")).isEqualTo(LogLevel.DEBUG);
        assertThat(levels.logLevelForNamespace("a.b.c")).isEqualTo(LogLevel.DEBUG);
        assertThat(levels.logLevelForNamespace("a.b.c.d")).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void prefixThatIsNotAWholeSegmentDoesNotCount() {
        levels.setLogLevelForNamespace("a.b", LogLevel.DEBUG);
        assertThat(levels.logLevelForNamespace("a.bc")).isEqualTo(LogLevel.WARN);
        assertThat(levels.logLevelForNamespace("a")).isEqualTo(LogLevel.WARN);
        assertThat(levels.logLevelForNamespace("x.a.b")).isEqualTo(LogLevel.WARN);
    }

    @Test
    void emptyNamespaceIsTheDefault() {
        levels.setLogLevelForNamespace("", LogLevel.CRITICAL);
        assertThat(levels.defaultLogLevel()).isEqualTo(LogLevel.CRITICAL);
        assertThat(levels.logLevelForNamespace("")).isEqualTo(LogLevel.CRITICAL);
        assertThat(levels.logLevelForNamespace("unset")).isEqualTo(LogLevel.CRITICAL);
    }

    @Test
    void clearingForgetsNamespacesAndRestoresTheOriginalDefault() {
        levels.setLogLevelForNamespace("a", LogLevel.DEBUG);
        levels.setLogLevelForNamespace("", LogLevel.ERROR);
        levels.clearLogLevels();
        assertThat(levels.logLevelForNamespace("a")).isEqualTo(LogLevel.WARN);
        assertThat(levels.defaultLogLevel()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void eventsBelowTheirNamespacesLevelAreStoppedOthersLeftToLaterPredicates() {
        levels.setLogLevelForNamespace("chatty", LogLevel.DEBUG);
        assertThat(levels.test(event(LogLevel.INFO, "quiet.x", "i"))).isEqualTo(PredicateResult.NO);
        assertThat(levels.test(event(LogLevel.WARN, "quiet.x", "w"))).isEqualTo(PredicateResult.MAYBE);
        assertThat(levels.test(event(LogLevel.CRITICAL, "quiet.x", "c"))).isEqualTo(PredicateResult.MAYBE);
        assertThat(levels.test(event(LogLevel.DEBUG, "chatty.y", "d"))).isEqualTo(PredicateResult.MAYBE);
    }
}
