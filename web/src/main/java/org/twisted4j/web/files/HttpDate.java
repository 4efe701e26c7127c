package org.twisted4j.web.files;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * HTTP dates (RFC 9110 section 5.6.7): written as IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}, and
 * read in that form and the two obsolete ones, RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and
 * ANSI C's asctime ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <pre>{@code
 * response.setHeader("last-modified", HttpDate.format(Files.getLastModifiedTime(path).toInstant()));
 * Instant since = HttpDate.parse(request.getHeader("if-modified-since")); // null if absent or invalid
 * }</pre>
 *
 * <p>HTTP dates have whole seconds: formatting drops the fraction. Stateless; any thread.
 */
public final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final String DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final Pattern FIXDATE =
            Pattern.compile(DAY + ", (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC850 =
            Pattern.compile(LONG_DAY + ", (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME + " GMT");
    private static final Pattern ASCTIME =
            Pattern.compile(DAY + " " + MONTH + " ([ \\d]\\d) " + TIME + " (\\d{4})");

    private HttpDate() {
    }

    /**
     * Formats an instant as IMF-fixdate, dropping any fraction of a second.
     *
     * @param instant the time; years 1 to 9999
     * @return such as {@code Sun, 06 Nov 1994 08:49:37 GMT}
     * @throws DateTimeException if the year is outside 1 to 9999
     */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Parses an HTTP date in any of the three forms, reading a two-digit RFC 850 year relative to now.
     *
     * @param value the header's value, or null
     * @return the instant, or null if {@code value} is null or not a valid HTTP date
     */
    public static @Nullable Instant parse(@Nullable String value) {
        return parse(value, Instant.now());
    }

    /**
     * Parses an HTTP date in any of the three forms. A two-digit year (RFC 850) that would be more than 50
     * years after {@code now} is read as the latest past year with those last two digits, as RFC 9110 asks.
     *
     * @param value the header's value, or null; surrounding whitespace is ignored
     * @param now the present, for two-digit years
     * @return the instant, or null if {@code value} is null or not a valid HTTP date
     */
    public static @Nullable Instant parse(@Nullable String value, Instant now) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        Matcher m;
        if ((m = FIXDATE.matcher(v)).matches()) {
            return of(m.group(3), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
        }
        if ((m = RFC850.matcher(v)).matches()) {
            int thisYear = now.atOffset(ZoneOffset.UTC).getYear();
            int year = thisYear - Math.floorMod(thisYear, 100) + Integer.parseInt(m.group(3));
            if (year > thisYear + 50) {
                year -= 100;
            }
            return of(Integer.toString(year), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
        }
        if ((m = ASCTIME.matcher(v)).matches()) {
            return of(m.group(6), m.group(1), m.group(2).strip(), m.group(3), m.group(4), m.group(5));
        }
        return null;
    }

    private static @Nullable Instant of(String year, String month, String day, String h, String min, String s) {
        try {
            return LocalDateTime.of(Integer.parseInt(year), MONTHS.indexOf(month) + 1, Integer.parseInt(day),
                    Integer.parseInt(h), Integer.parseInt(min), Integer.parseInt(s)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) { // 31 Feb, hour 24 and such
            return null;
        }
    }
}
