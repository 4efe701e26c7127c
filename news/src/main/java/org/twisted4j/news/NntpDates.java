package org.twisted4j.news;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The dates NNTP speaks: DATE's {@code yyyymmddhhmmss} (RFC 3977 §7.1), the date and time arguments of
 * NEWGROUPS and NEWNEWS (§7.3), and the Date field of articles (RFC 5322 §3.3). All in UTC: a date argument
 * without {@code GMT} is read as UTC as well, this server's local time.
 */
final class NntpDates {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private NntpDates() {
    }

    /** Returns DATE's answer for {@code when}. */
    static String stamp(Instant when) {
        return STAMP.format(when);
    }

    /** Returns a Date field's value for {@code when}, such as {@code Mon, 7 Dec 2026 12:00:00 +0000}. */
    static String field(Instant when) {
        return FIELD.format(when);
    }

    /**
     * Parses the date and time arguments of NEWGROUPS and NEWNEWS: {@code yymmdd} or {@code yyyymmdd}, then
     * {@code hhmmss}; a two-digit year is in the century that puts it at most {@code now}'s year (RFC 3977 §7.3.2).
     *
     * @throws NntpSyntaxException with 501 if they do not parse
     */
    static Instant argument(String date, String time, Instant now) throws NntpSyntaxException {
        if (!(date.length() == 6 || date.length() == 8) || time.length() != 6
                || !(date + time).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NntpSyntaxException(501, "Bad date or time: " + Article.shorten(date + " " + time));
        }
        int year;
        if (date.length() == 6) {
            int current = now.atZone(ZoneOffset.UTC).getYear();
            int yy = Integer.parseInt(date.substring(0, 2));
            year = current - current % 100 + yy;
            if (year > current) {
                year -= 100;
            }
        } else {
            year = Integer.parseInt(date.substring(0, 4));
        }
        String md = date.substring(date.length() - 4);
        try {
            return LocalDateTime.of(year, Integer.parseInt(md.substring(0, 2)), Integer.parseInt(md.substring(2)),
                    Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
                    Integer.parseInt(time.substring(4))).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new NntpSyntaxException(501, "Bad date or time: " + date + " " + time);
        }
    }

    /**
     * Parses a Date field: RFC 5322's form, with or without the day name, comments such as {@code (UTC)} and
     * obsolete zone names allowed.
     *
     * @return the instant, or null if it does not parse
     */
    static @Nullable Instant parseField(String value) {
        String text = value.replaceAll("\\([^()]*\\)", " ").strip().replaceAll("\\s+", " ");
        int comma = text.indexOf(',');
        if (comma >= 0) {
            text = text.substring(comma + 1).strip();
        }
        String[] parts = text.split(" ");
        if (parts.length == 4) {
            text = text + " +0000";
            parts = text.split(" ");
        }
        if (parts.length != 5) {
            return null;
        }
        String zone = switch (parts[4].toUpperCase(Locale.US)) {
            case "GMT", "UT", "UTC", "Z" -> "+0000";
            case "EST" -> "-0500";
            case "EDT" -> "-0400";
            case "CST" -> "-0600";
            case "CDT" -> "-0500";
            case "MST" -> "-0700";
            case "MDT" -> "-0600";
            case "PST" -> "-0800";
            case "PDT" -> "-0700";
            default -> parts[4];
        };
        String time = parts[3].length() == 5 ? parts[3] + ":00" : parts[3];
        String normal = parts[0] + " " + parts[1] + " " + parts[2] + " " + time + " " + zone;
        try {
            return ZonedDateTime.parse(normal, DateTimeFormatter.ofPattern("d MMM uuuu HH:mm:ss Z", Locale.US))
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
