package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One article's line of the overview database (RFC 3977 §8): its number in one group, its Message-ID, the
 * fields of {@link #FORMAT} and when it arrived. Immutable.
 *
 * @param number the article's number in the group
 * @param messageId its Message-ID
 * @param subject the Subject field
 * @param from the From field
 * @param date the Date field
 * @param references the References field, possibly empty
 * @param bytes the article's size in octets ({@code :bytes})
 * @param lines its body's line count ({@code :lines})
 * @param xref the Xref field, possibly empty
 * @param arrived when the server took it (for NEWNEWS)
 */
public record OverviewEntry(long number, String messageId, String subject, String from, String date,
        String references, long bytes, long lines, String xref, Instant arrived) {

    /** The overview format ({@code LIST OVERVIEW.FMT}, RFC 3977 §8.4), after the article number. */
    public static final List<String> FORMAT = List.of("Subject:", "From:", "Date:", "Message-ID:", "References:",
            ":bytes", ":lines", "Xref:full");

    /**
     * Makes the entry of a stored article.
     *
     * @param number its number in the group
     * @param article the article as stored
     * @param arrived when it arrived
     * @return the entry
     */
    public static OverviewEntry of(long number, Article article, Instant arrived) {
        return new OverviewEntry(number, field(article, "Message-ID"), field(article, "Subject"),
                field(article, "From"), field(article, "Date"), field(article, "References"),
                article.toBytes().length, article.bodyLines(), field(article, "Xref"), arrived);
    }

    private static String field(Article article, String name) {
        String value = article.header(name);
        return value == null ? "" : clean(value);
    }

    /** Replaces TAB, CR and LF by spaces, as an overview field must (RFC 3977 §8.3.2). */
    static String clean(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '\t' || c == '\r' || c == '\n' ? ' ' : c);
        }
        return out.toString();
    }

    /**
     * Returns the value of an overview field by its header name or metadata name, or null if the overview
     * does not hold it (then the article must be read).
     *
     * @param name a header name such as {@code subject}, or {@code :bytes} or {@code :lines}, any case
     * @return the value, possibly empty, or null
     */
    public @Nullable String field(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "subject" -> subject;
            case "from" -> from;
            case "date" -> date;
            case "message-id" -> messageId;
            case "references" -> references;
            case ":bytes", "bytes" -> Long.toString(bytes);
            case ":lines", "lines" -> Long.toString(lines);
            case "xref" -> xref;
            default -> null;
        };
    }

    /** Returns the line OVER sends for this entry, without CRLF. */
    public String overLine() {
        return number + "\t" + subject + "\t" + from + "\t" + date + "\t" + messageId + "\t" + references + "\t"
                + bytes + "\t" + lines + "\t" + (xref.isEmpty() ? "" : "Xref: " + xref);
    }

    /** Returns {@link #overLine()} as ISO-8859-1 octets (header octets pass through unchanged). */
    byte[] overLineBytes() {
        return overLine().getBytes(ISO_8859_1);
    }
}
