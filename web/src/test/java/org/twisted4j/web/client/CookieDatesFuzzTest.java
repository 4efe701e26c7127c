package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.twisted4j.web.files.HttpDate;

/**
 * Fuzzes the forgiving {@code Expires} date parser of RFC 6265 §5.1.1 with any text, and with dates written in
 * the forms servers use.
 *
 * <p>Invariants: it never throws; a date it finds is a whole second between 1601 and 9999; delimiters added
 * around the text change nothing; and any instant from 1601 to 9999 written as an IMF-fixdate (by the server's
 * own {@link HttpDate#format}), in RFC 850 form (two-digit years for 1970 to 2069), in asctime form or in the
 * Netscape cookie form reads back as that instant.
 */
class CookieDatesFuzzTest {

    private static final long YEAR_1601 = -11_644_473_600L;
    private static final long END_OF_9999 = 253_402_300_799L;
    private static final DateTimeFormatter[] FORMS = {
        DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ROOT),
        DateTimeFormatter.ofPattern("EEEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.ROOT),
        DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT),
        DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.ROOT),
    };

    @FuzzTest
    void expiresDatesReadBackAsWritten(FuzzedDataProvider data) {
        Instant written = Instant.ofEpochSecond(data.consumeLong(YEAR_1601, END_OF_9999));
        int form = data.consumeInt(0, FORMS.length);
        String text = new String(data.consumeRemainingAsBytes(), ISO_8859_1);

        Instant parsed = CookieDates.parse(text);
        if (parsed != null) {
            int year = parsed.atZone(ZoneOffset.UTC).getYear();
            assertThat(year).isBetween(1601, 9999);
            assertThat(parsed.getNano()).isZero();
        }
        assertThat(CookieDates.parse(" " + text + ";")).isEqualTo(parsed);

        assertThat(CookieDates.parse(write(written, form))).isEqualTo(written);
    }

    private static String write(Instant instant, int form) {
        if (form == FORMS.length) {
            return HttpDate.format(instant);
        }
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        boolean twoDigitYear = utc.getYear() >= 1970 && utc.getYear() <= 2069;
        return FORMS[form == 0 && !twoDigitYear ? 1 : form].format(utc);
    }
}
