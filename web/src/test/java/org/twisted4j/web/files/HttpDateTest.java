package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {

    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void formatsImfFixdateWithTwoDigitDay() {
        assertThat(HttpDate.format(EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void formattingDropsFractionsOfSeconds() {
        assertThat(HttpDate.format(Instant.parse("2024-02-29T23:59:59.999Z"))).isEqualTo("Thu, 29 Feb 2024 23:59:59 GMT");
    }

    @Test
    void parsesAllThreeForms() {
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).isEqualTo(EXAMPLE);
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).isEqualTo(EXAMPLE);
        assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994", NOW)).isEqualTo(EXAMPLE);
        assertThat(HttpDate.parse("Sun Nov 16 08:49:37 1994", NOW)).isEqualTo(Instant.parse("1994-11-16T08:49:37Z"));
    }

    @Test
    void roundTrips() {
        Instant t = Instant.parse("2031-07-09T01:02:03Z");
        assertThat(HttpDate.parse(HttpDate.format(t), NOW)).isEqualTo(t);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(HttpDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT\t", NOW)).isEqualTo(EXAMPLE);
    }

    @Test
    void twoDigitYearMoreThanFiftyYearsAheadIsInThePast() {
        assertThat(HttpDate.parse("Monday, 01-Jan-76 00:00:00 GMT", NOW)).isEqualTo(Instant.parse("2076-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Thursday, 01-Jan-77 00:00:00 GMT", NOW)).isEqualTo(Instant.parse("1977-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Saturday, 01-Jan-00 00:00:00 GMT", NOW)).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT",
        "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 GMT garbage", "Sun, 06 nov 1994 08:49:37 GMT"})
    void invalidDatesAreNull(String value) {
        assertThat(HttpDate.parse(value, NOW)).isNull();
    }

    @Test
    void nullIsNull() {
        assertThat(HttpDate.parse(null)).isNull();
    }
}
