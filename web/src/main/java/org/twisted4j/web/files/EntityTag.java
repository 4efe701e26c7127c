package org.twisted4j.web.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entity tag (RFC 9110 section 8.8.3): an opaque validator, strong or weak ({@code W/"..."}).
 *
 * <pre>{@code
 * EntityTag tag = EntityTag.forFile(size, lastModified, false);
 * response.setHeader("etag", tag.toString()); // "1f4-18c2d5e8a40"
 * }</pre>
 *
 * <p>Twisted's {@code static.File} sets no ETag of its own; twisted4j derives one from the file's size and
 * modification time, as most servers do. Such a tag changes whenever either does; it is offered as strong,
 * which is right unless a file can be rewritten with the same size within the file system's time
 * resolution. Choose weak tags where that can happen; note a weak tag never satisfies {@code If-Match} or
 * {@code If-Range}, which need strong comparison.
 *
 * @param opaque the tag's characters between the quotes: {@code %x21 / %x23-7E / %x80-FF}, no {@code "}
 * @param weak whether it is a weak validator
 */
public record EntityTag(String opaque, boolean weak) {

    /**
     * Checks the opaque part's characters.
     *
     * @throws IllegalArgumentException if {@code opaque} has a character an entity tag cannot hold
     */
    public EntityTag {
        Objects.requireNonNull(opaque, "opaque");
        for (int i = 0; i < opaque.length(); i++) {
            if (!etagc(opaque.charAt(i))) {
                throw new IllegalArgumentException("invalid entity-tag character in: " + opaque);
            }
        }
    }

    /**
     * The tag for a file: its size and its modification time in milliseconds, both in hexadecimal.
     *
     * @param size the file's size
     * @param lastModified the file's modification time
     * @param weak whether to mark the tag weak
     * @return such as {@code "1f4-18c2d5e8a40"}
     */
    public static EntityTag forFile(long size, Instant lastModified, boolean weak) {
        return new EntityTag(Long.toHexString(size) + "-" + Long.toHexString(lastModified.toEpochMilli()), weak);
    }

    /**
     * Parses one entity tag, such as an {@code ETag} header's value.
     *
     * @param value {@code "xyz"} or {@code W/"xyz"}, with optional surrounding whitespace
     * @return the tag, or null if {@code value} is not exactly one valid entity tag
     */
    public static @Nullable EntityTag parse(String value) {
        List<EntityTag> list = parseList(value);
        return list != null && list.size() == 1 ? list.get(0) : null;
    }

    /**
     * Parses the value of {@code If-Match} or {@code If-None-Match}: a comma-separated list of tags.
     * The wildcard {@code *} is not a tag; test for it with {@link #isWildcard(String)} first.
     *
     * @param value the header's value, several occurrences joined by commas
     * @return the tags in order (empty list elements are skipped), or null if the value is malformed
     */
    public static @Nullable List<EntityTag> parseList(String value) {
        List<EntityTag> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (true) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                return tags;
            }
            boolean weak = value.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                return null;
            }
            int close = value.indexOf('"', i + 1);
            if (close < 0) {
                return null;
            }
            String opaque = value.substring(i + 1, close);
            for (int k = 0; k < opaque.length(); k++) {
                if (!etagc(opaque.charAt(k))) {
                    return null;
                }
            }
            tags.add(new EntityTag(opaque, weak));
            i = close + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                return null;
            }
        }
    }

    /**
     * Whether a header's value is the wildcard {@code *}.
     *
     * @param value the header's value
     * @return true for {@code *} with optional surrounding whitespace
     */
    public static boolean isWildcard(String value) {
        return value.strip().equals("*");
    }

    /**
     * Strong comparison: both tags strong and their opaque parts equal.
     *
     * @param other the tag to compare with
     * @return whether they match strongly
     */
    public boolean strongMatches(EntityTag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /**
     * Weak comparison: opaque parts equal, whether either is weak or not.
     *
     * @param other the tag to compare with
     * @return whether they match weakly
     */
    public boolean weakMatches(EntityTag other) {
        return opaque.equals(other.opaque);
    }

    /**
     * The header form.
     *
     * @return {@code "opaque"} or {@code W/"opaque"}
     */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + "\"";
    }

    private static boolean etagc(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    }
}
