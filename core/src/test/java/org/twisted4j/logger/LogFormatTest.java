package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.logger.Events.event;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

class LogFormatTest {

    private static final DateTimeFormatter UTC = LogFormat.DEFAULT_TIME_FORMAT.withZone(ZoneOffset.UTC);

    @Test
    void fieldsAreReplacedByTheirValues() {
        assertThat(LogFormat.formatEvent(event("{peer} sent {n} bytes", "peer", "10.0.0.7", "n", 42)))
                .isEqualTo("10.0.0.7 sent 42 bytes");
    }

    @Test
    void textWithoutFieldsIsUnchanged() {
        assertThat(LogFormat.formatEvent(event("plain text: 100% done"))).isEqualTo("plain text: 100% done");
    }

    @Test
    void sameFieldMayAppearTwice() {
        assertThat(LogFormat.formatEvent(event("{a}-{a}", "a", "x"))).isEqualTo("x-x");
    }

    @Test
    void doubledBracesAreLiteralBraces() {
        assertThat(LogFormat.formatEvent(event("{{literal}} {{{n}}} }}{{", "n", 5)))
                .isEqualTo("{literal} {5} }{");
    }

    @Test
    void nullValueIsShownAsNull() {
        assertThat(LogFormat.formatEvent(event("value={v}", "v", null))).isEqualTo("value=null");
    }

    @Test
    void arraysAreShownElementByElement() {
        assertThat(LogFormat.formatEvent(event("{a} {b} {c}", "a", new int[] {1, 2}, "b",
                new String[] {"x", "y"}, "c", new Object[] {new long[] {3}})))
                .isEqualTo("[1, 2] [x, y] [[3]]");
    }

    @Test
    void missingFieldIsMarkedWithoutThrowing() {
        assertThat(LogFormat.formatEvent(event("{present} and {absent}", "present", 1)))
                .isEqualTo("1 and <absent: MISSING>");
    }

    @Test
    void eventWithoutFormatHasEmptyText() {
        assertThat(LogFormat.formatEvent(event(null, "a", 1))).isEmpty();
    }

    @Test
    void callSyntaxCallsSuppliersAndCallables() {
        Supplier<String> supplier = () -> "supplied";
        Callable<Integer> callable = () -> 7;
        assertThat(LogFormat.formatEvent(event("{s()} {c()}", "s", supplier, "c", callable)))
                .isEqualTo("supplied 7");
    }

    @Test
    void lazyValueIsNotComputedUnlessFormatted() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> supplier = () -> "n" + calls.incrementAndGet();
        LogEvent lazy = event("{s()}", "s", supplier);
        assertThat(calls).hasValue(0);
        assertThat(LogFormat.formatEvent(lazy)).isEqualTo("n1");
    }

    @Test
    void callSyntaxOnMissingFieldIsMarked() {
        assertThat(LogFormat.formatEvent(event("{gone()}"))).isEqualTo("<gone(): MISSING>");
    }

    @Test
    void callSyntaxOnAPlainValueIsUnformattable() {
        assertThat(LogFormat.formatEvent(event("{s()}", "s", "plain")))
                .startsWith("Unable to format event LogEvent[")
                .endsWith("field 's' is used as '{s()}' but is not a Supplier or Callable");
    }

    @Test
    void loneClosingBraceIsUnformattableWithTheRawEvent() {
        String text = LogFormat.formatEvent(event("oops } here", "k", "v"));
        assertThat(text).isEqualTo("Unable to format event LogEvent[format=\"oops } here\", level=info, "
                + "namespace=test, time=1.795443774E9, source=null, failure=null, fields={k=v}]: "
                + "single '}' at index 5 of the format");
    }

    @Test
    void malformedFormatsNeverThrow() {
        for (String format : List.of("{", "{unclosed", "{a{b}}", "{}", "}", "x}y", "{a}}")) {
            assertThat(LogFormat.formatEvent(event(format, "a", 1)))
                    .as(format)
                    .startsWith("Unable to format event LogEvent[format=");
        }
    }

    @Test
    void valueWhoseToStringThrowsMakesTheEventUnformattableButDescribed() {
        Object bad = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text for you");
            }
        };
        String text = LogFormat.formatEvent(event("{bad} {good}", "bad", bad, "good", "fine"));
        assertThat(text)
                .startsWith("Unable to format event LogEvent[")
                .contains("good=fine")
                .contains("bad=<unprintable " + bad.getClass().getName()
                        + ": toString() threw java.lang.IllegalStateException: no text for you>")
                .endsWith(": java.lang.IllegalStateException: no text for you");
    }

    @Test
    void supplierThatThrowsMakesTheEventUnformattable() {
        Supplier<String> broken = () -> {
            throw new ArithmeticException("divide by zero");
        };
        assertThat(LogFormat.formatEvent(event("{x()}", "x", broken)))
                .endsWith(": java.lang.ArithmeticException: divide by zero");
    }

    @Test
    void formatTimeUsesTwistedsFormat() {
        assertThat(LogFormat.formatTime(Events.TIME, UTC)).isEqualTo("2026-11-23T14:22:54+0000");
        assertThat(LogFormat.formatTime(Events.TIME + 0.999,
                LogFormat.DEFAULT_TIME_FORMAT.withZone(ZoneId.of("America/Los_Angeles"))))
                .isEqualTo("2026-11-23T06:22:54-0800");
    }

    @Test
    void formatTimeTruncatesFractionsOfASecondIncludingBeforeTheEpoch() {
        assertThat(LogFormat.formatTime(-0.5, UTC)).isEqualTo("1969-12-31T23:59:59+0000");
    }

    @Test
    void formatTimeGivesADashWhenItCannot() {
        assertThat(LogFormat.formatTime(Events.TIME, null)).isEqualTo("-");
        assertThat(LogFormat.formatTime(Double.NaN, UTC)).isEqualTo("-");
        assertThat(LogFormat.formatTime(Double.POSITIVE_INFINITY, UTC)).isEqualTo("-");
        assertThat(LogFormat.formatTime(1e300, UTC)).isEqualTo("-");
    }

    @Test
    void formatTimeWithoutZoneUsesTheSystemZone() {
        String expected = java.time.Instant.ofEpochSecond((long) Events.TIME)
                .atZone(ZoneId.systemDefault()).format(LogFormat.DEFAULT_TIME_FORMAT);
        assertThat(LogFormat.formatTime(Events.TIME)).isEqualTo(expected);
    }

    @Test
    void classicLogTextHasTimeNamespaceLevelAndText() {
        LogEvent event = event(LogLevel.WARN, "chat.server", "{peer} connected", "peer", "10.0.0.7");
        assertThat(LogFormat.formatEventAsClassicLogText(event, UTC))
                .isEqualTo("2026-11-23T14:22:54+0000 [chat.server#warn] 10.0.0.7 connected\n");
    }

    @Test
    void classicLogTextIndentsContinuationLines() {
        LogEvent event = event("first\nsecond\nthird");
        assertThat(LogFormat.formatEventAsClassicLogText(event, UTC))
                .isEqualTo("2026-11-23T14:22:54+0000 [test#info] first\n\tsecond\n\tthird\n");
    }

    @Test
    void classicLogTextShowsDashesForEmptyNamespaceAndNoTimeFormat() {
        LogEvent event = event(LogLevel.ERROR, "", "x");
        assertThat(LogFormat.formatEventAsClassicLogText(event, null)).isEqualTo("- [-#error] x\n");
    }

    @Test
    void classicLogTextIsNullForAnEventWithoutText() {
        assertThat(LogFormat.formatEventAsClassicLogText(event(null, "a", 1), UTC)).isNull();
        assertThat(LogFormat.formatEventAsClassicLogText(event(""), UTC)).isNull();
    }

    @Test
    void classicLogTextShowsTheFailuresTracebackIndented() {
        Failure failure = new Failure(new IllegalStateException("disk on fire"));
        String text = LogFormat.formatEventAsClassicLogText(Events.failureEvent("Saving failed", failure), UTC);
        assertThat(text)
                .startsWith("2026-11-23T14:22:54+0000 [test#critical] Saving failed\n"
                        + "\tjava.lang.IllegalStateException: disk on fire\n"
                        + "\t\tat ")
                .contains("org.twisted4j.logger.LogFormatTest.classicLogTextShowsTheFailuresTracebackIndented(")
                .endsWith("\n")
                .doesNotEndWith("\t\n");
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            assertThat(line).as("every line after the first is indented").matches("(2026|\t).*");
        }
    }

    @Test
    void eventTextOfAFailureEventIsItsMessageAlone() {
        Failure failure = new Failure(new IllegalStateException("disk on fire"));
        assertThat(Events.failureEvent("Saving failed", failure).text()).isEqualTo("Saving failed");
    }
}
