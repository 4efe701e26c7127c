package org.twisted4j.web.http2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The static table of RFC 7541 Appendix A: 61 fields with fixed indexes 1..61. */
final class HpackStaticTable {
    private static final List<HeaderField> ENTRIES = List.of(
            field(":authority", ""), field(":method", "GET"), field(":method", "POST"), field(":path", "/"),
            field(":path", "/index.html"), field(":scheme", "http"), field(":scheme", "https"),
            field(":status", "200"), field(":status", "204"), field(":status", "206"), field(":status", "304"),
            field(":status", "400"), field(":status", "404"), field(":status", "500"), field("accept-charset", ""),
            field("accept-encoding", "gzip, deflate"), field("accept-language", ""), field("accept-ranges", ""),
            field("accept", ""), field("access-control-allow-origin", ""), field("age", ""), field("allow", ""),
            field("authorization", ""), field("cache-control", ""), field("content-disposition", ""),
            field("content-encoding", ""), field("content-language", ""), field("content-length", ""),
            field("content-location", ""), field("content-range", ""), field("content-type", ""),
            field("cookie", ""), field("date", ""), field("etag", ""), field("expect", ""), field("expires", ""),
            field("from", ""), field("host", ""), field("if-match", ""), field("if-modified-since", ""),
            field("if-none-match", ""), field("if-range", ""), field("if-unmodified-since", ""),
            field("last-modified", ""), field("link", ""), field("location", ""), field("max-forwards", ""),
            field("proxy-authenticate", ""), field("proxy-authorization", ""), field("range", ""),
            field("referer", ""), field("refresh", ""), field("retry-after", ""), field("server", ""),
            field("set-cookie", ""), field("strict-transport-security", ""), field("transfer-encoding", ""),
            field("user-agent", ""), field("vary", ""), field("via", ""), field("www-authenticate", ""));

    /** The number of entries: index 62 is the first of the dynamic table. */
    static final int LENGTH = ENTRIES.size();

    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final Map<HeaderField, Integer> BY_FIELD = new HashMap<>();

    static {
        for (int i = LENGTH; i >= 1; i--) {
            HeaderField entry = ENTRIES.get(i - 1);
            BY_NAME.put(entry.name(), i);
            BY_FIELD.put(entry, i);
        }
    }

    private HpackStaticTable() {
    }

    private static HeaderField field(String name, String value) {
        return new HeaderField(name, value);
    }

    /** Returns the entry at {@code index}, 1..{@link #LENGTH}. */
    static HeaderField get(int index) {
        return ENTRIES.get(index - 1);
    }

    /** Returns the lowest index holding exactly {@code name} and {@code value}, or 0. */
    static int indexOf(String name, String value) {
        return BY_FIELD.getOrDefault(new HeaderField(name, value), 0);
    }

    /** Returns the lowest index whose name is {@code name}, or 0. */
    static int indexOfName(String name) {
        return BY_NAME.getOrDefault(name, 0);
    }
}
