package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@link NNTPClient} reads the answers it gets: blocks into lines, listings, overview and header values. */
final class ClientAnswers {

    private ClientAnswers() {
    }

    static List<String> lines(byte[] block) {
        String text = new String(block, ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    static List<NNTPClient.GroupListing> listings(byte[] block) {
        List<NNTPClient.GroupListing> groups = new ArrayList<>();
        for (String line : lines(block)) {
            String[] parts = line.strip().split(" +");
            if (parts.length >= 4) {
                groups.add(new NNTPClient.GroupListing(parts[0], parseLong(parts[1]), parseLong(parts[2]), parts[3]));
            }
        }
        return groups;
    }

    static String spaced(String keyword, String argument) {
        return argument.isEmpty() ? keyword : keyword + " " + argument;
    }

    static String word(String text, int index) {
        String[] words = text.split(" +");
        return index < words.length ? words[index] : "";
    }

    static long number(String[] parts, int index) {
        return index < parts.length ? parseLong(parts[index]) : 0;
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NntpError(0, "Not a number in the answer: " + Article.shorten(text));
        }
    }

    /** Parses OVER and XOVER lines (the {@code arrived} of each entry is the epoch: the wire does not say). */
    static List<OverviewEntry> overview(byte[] block) {
        List<OverviewEntry> entries = new ArrayList<>();
        for (String text : lines(block)) {
            String[] f = text.split("\t", -1);
            if (f.length < 8) {
                throw new NntpError(224, "Malformed overview line: " + Article.shorten(text));
            }
            String xref = f.length > 8 && f[8].regionMatches(true, 0, "Xref: ", 0, 6) ? f[8].substring(6) : "";
            entries.add(new OverviewEntry(parseLong(f[0]), f[4], f[1], f[2], f[3], f[5], parseLong(f[6]),
                    parseLong(f[7]), xref, Instant.EPOCH));
        }
        return entries;
    }

    /** Parses HDR and XHDR lines: number, space, value. */
    static Map<Long, String> headerValues(byte[] block) {
        Map<Long, String> values = new LinkedHashMap<>();
        for (String line : lines(block)) {
            int space = line.indexOf(' ');
            values.put(parseLong(space < 0 ? line : line.substring(0, space)), space < 0 ? "" : line.substring(space + 1));
        }
        return values;
    }
}
