package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

class LoggerTest {

    private final LimitedHistoryLogObserver seen = new LimitedHistoryLogObserver(100);
    private final Logger log = new Logger("chat.server", null, seen);

    private LogEvent only() {
        assertThat(seen.events()).hasSize(1);
        return seen.events().get(0);
    }

    @Test
    void infoMakesAnEventWithNamespaceFormatAndOrderedFields() {
        double before = now();
        log.info("{peer} connected; {count} online", "peer", "10.0.0.7", "count", 3, "zeta", 'z');
        double after = now();
        LogEvent event = only();
        assertThat(event.level()).isEqualTo(LogLevel.INFO);
        assertThat(event.namespace()).isEqualTo("chat.server");
        assertThat(event.format()).isEqualTo("{peer} connected; {count} online");
        assertThat(event.fields()).containsExactly(entry("peer", "10.0.0.7"), entry("count", 3), entry("zeta", 'z'));
        assertThat(event.source()).isNull();
        assertThat(event.failure()).isNull();
        assertThat(event.time()).isBetween(before, after);
        assertThat(event.text()).isEqualTo("10.0.0.7 connected; 3 online");
    }

    @Test
    void eachLevelMethodLogsAtItsLevel() {
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");
        log.critical("c");
        log.emit(LogLevel.WARN, "emitted");
        assertThat(seen.events()).extracting(LogEvent::level).containsExactly(LogLevel.DEBUG, LogLevel.INFO,
                LogLevel.WARN, LogLevel.ERROR, LogLevel.CRITICAL, LogLevel.WARN);
    }

    @Test
    void forClassUsesTheClassNameAndTheGlobalPublisher() {
        Logger logger = Logger.forClass(LoggerTest.class);
        assertThat(logger.namespace()).isEqualTo("org.twisted4j.logger.LoggerTest");
        assertThat(logger.observer()).isSameAs(LogPublisher.global());
        assertThat(logger.source()).isNull();
        assertThat(new Logger("x").observer()).isSameAs(LogPublisher.global());
    }

    @Test
    void withSourceNamesTheSourceAndKeepsTheRest() {
        Object connection = new Object();
        Logger bound = log.withSource(connection);
        bound.warn("hi");
        assertThat(only().source()).isSameAs(connection);
        assertThat(only().namespace()).isEqualTo("chat.server");
        assertThat(bound.observer()).isSameAs(seen);
        assertThat(log.source()).isNull();
    }

    @Test
    void laterValueForTheSameNameWins() {
        log.info("{a}", "a", 1, "a", 2);
        assertThat(only().text()).isEqualTo("2");
    }

    @Test
    void oddNumberOfKeysAndValuesIsReportedInTheTextNotThrown() {
        log.info("{a} {b}", "a", 1, "b");
        LogEvent event = only();
        assertThat(event.fields()).containsExactly(entry("a", 1), entry("b", null));
        assertThat(event.text()).isEqualTo("1 null [logging problem: field name 'b' has no value]");
    }

    @Test
    void nonStringNameIsUsedByItsTextAndReported() {
        log.info("{5} {{b}}", 5, "five", new StringBuilder("{b}"), "bee");
        LogEvent event = only();
        assertThat(event.fields()).containsExactly(entry("5", "five"), entry("{b}", "bee"));
        assertThat(event.text()).isEqualTo("five {b} [logging problem: field name #1 (5) is not a String; "
                + "field name #2 ({b}) is not a String]");
    }

    @Test
    void nullLevelBecomesErrorAndIsReported() {
        log.emit(null, "hello");
        assertThat(only().level()).isEqualTo(LogLevel.ERROR);
        assertThat(only().text()).isEqualTo("hello [logging problem: the level was null, so ERROR was used]");
    }

    @Test
    void nullKeysAndValuesArrayIsNoFields() {
        log.info("x", (Object[]) null);
        assertThat(only().fields()).isEmpty();
        assertThat(only().text()).isEqualTo("x");
    }

    @Test
    void nullFormatGivesAnEventWithFieldsOnly() {
        log.emit(LogLevel.INFO, null, "k", "v");
        assertThat(only().format()).isNull();
        assertThat(only().text()).isEmpty();
        assertThat(only().fields()).containsExactly(entry("k", "v"));
    }

    @Test
    void failureLogsAtCriticalWithTheFailure() {
        Failure failure = new Failure(new IllegalStateException("boom"));
        log.failure("Could not fetch {url}", failure, "url", "http://x/");
        LogEvent event = only();
        assertThat(event.level()).isEqualTo(LogLevel.CRITICAL);
        assertThat(event.failure()).isSameAs(failure);
        assertThat(event.text()).isEqualTo("Could not fetch http://x/");
    }

    @Test
    void failureAtAChosenLevel() {
        Failure failure = new Failure(new IllegalStateException("boom"));
        log.failure(LogLevel.WARN, "retrying", failure);
        assertThat(only().level()).isEqualTo(LogLevel.WARN);
        assertThat(only().failure()).isSameAs(failure);
    }

    @Test
    void nullFailureIsReportedInTheText() {
        log.failure("oops", null);
        assertThat(only().failure()).isNull();
        assertThat(only().text()).isEqualTo("oops [logging problem: the failure was null]");
    }

    @Test
    void loggingToAPublisherWithoutObserversDoesNothing() {
        LogPublisher empty = new LogPublisher();
        Logger quiet = new Logger("q", null, empty);
        quiet.info("nobody hears this");
        quiet.failure("nor this", new Failure(new RuntimeException()));
        LimitedHistoryLogObserver late = new LimitedHistoryLogObserver(10);
        empty.addObserver(late);
        quiet.info("heard");
        assertThat(late.events()).extracting(LogEvent::text).containsExactly("heard");
    }

    @Test
    void whatAPlainObserverThrowsReachesTheCaller() {
        Logger toBroken = new Logger("x", null, event -> {
            throw new IllegalStateException("observer broke");
        });
        assertThatThrownBy(() -> toBroken.info("hi")).hasMessage("observer broke");
    }

    @Test
    void loggingThroughAPublisherNeverThrows() {
        LogPublisher publisher = new LogPublisher(event -> {
            throw new IllegalStateException("observer broke");
        });
        new Logger("x", null, publisher).info("hi");
        assertThat(publisher.observers()).hasSize(1);
    }

    @Test
    void nullNamespaceOrObserverIsRejected() {
        assertThatThrownBy(() -> new Logger(null, null, seen)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Logger("x", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void loggersAreImmutableAndShareTheirObserver() {
        assertThat(List.of(log.withSource(1), log.withSource(2))).allSatisfy(l -> {
            assertThat(l.observer()).isSameAs(seen);
            assertThat(l.namespace()).isEqualTo("chat.server");
        });
    }

    private static double now() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }
}
