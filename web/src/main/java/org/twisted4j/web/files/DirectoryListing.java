package org.twisted4j.web.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An HTML page listing a directory, as Twisted's {@code DirectoryLister}: a link to the parent directory
 * ({@code ../}) where there is one, then directories, then files, each group sorted by name; for each, a
 * link, the size in human-readable form, the modification time (UTC, to the minute, as nginx's
 * {@code autoindex}), the content type and the content encoding. Names are HTML-escaped and links
 * percent-encoded, so no file name can inject markup or turn its link into another scheme.
 *
 * <pre>{@code
 * String html = DirectoryListing.render("/docs/", true, DirectoryListing.read(dir), MimeTypes.defaults());
 * response.setHeader("content-type", DirectoryListing.CONTENT_TYPE);
 * }</pre>
 *
 * <p>Which entries are shown is the caller's choice: {@link #read(Path)} returns them all, dot-files
 * included, and {@link DotFiles#listed} says which of them a server that hides dot-files should keep.
 *
 * <p>The page depends only on its arguments, so it is the same for the same directory. Stateless; any
 * thread; {@link #read(Path)} reads the file system.
 */
public final class DirectoryListing {

    /** The {@code Content-Type} of the page: {@value}. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    /** The shown form of a modification time: UTC, to the minute, such as {@code 2024-03-05 14:07}. */
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private DirectoryListing() {
    }

    /**
     * One directory entry.
     *
     * @param name the file name
     * @param directory whether it is a directory
     * @param size its size in bytes (ignored for directories)
     * @param modified when it was last modified
     */
    public record Entry(String name, boolean directory, long size, Instant modified) {
        /**
         * Checks the name and time.
         *
         * @throws NullPointerException if {@code name} or {@code modified} is null
         */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(modified, "modified");
        }
    }

    /**
     * Reads a directory's entries, following links to see whether an entry is a directory. Entries whose
     * attributes cannot be read (a dangling link, say) are left out, as Twisted does.
     *
     * @param directory the directory
     * @return its entries, unsorted
     * @throws IOException if the directory cannot be read
     */
    public static List<Entry> read(Path directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path p : stream) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    entries.add(new Entry(p.getFileName().toString(), a.isDirectory(), a.size(),
                            a.lastModifiedTime().toInstant()));
                } catch (IOException e) {
                    // unreadable entry: not listed
                }
            }
        }
        return entries;
    }

    /**
     * Renders the page.
     *
     * @param urlPath the directory's URL path, shown in the title, such as {@code /docs/}
     * @param parentLink whether to link to the parent directory, {@code ../} (not at the top of a served tree)
     * @param entries the entries, in any order
     * @param types the types and encodings to show for files
     * @return the page
     */
    public static String render(String urlPath, boolean parentLink, List<Entry> entries, MimeTypes types) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::directory).reversed().thenComparing(Entry::name));
        String title = "Directory listing for " + escape(urlPath);
        StringBuilder out = new StringBuilder(512 + 160 * sorted.size());
        out.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>").append(title)
                .append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 0; }\n")
                .append("h1 { margin: 0; padding: 0.3em 0.5em; background: #555; color: #fff; }\n")
                .append("table { margin: 1em auto; border-collapse: collapse; }\n")
                .append("td, th { padding: 0.2em 0.8em; text-align: left; }\n")
                .append("tr.odd { background: #eee; }\ntr.even { background: #ddd; }\n")
                .append("tr.directory td:first-child { font-weight: bold; }\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(title).append("</h1>\n<table>\n")
                .append("<thead><tr><th>Filename</th><th>Size</th><th>Last modified (UTC)</th>")
                .append("<th>Content type</th><th>Content encoding</th></tr></thead>\n<tbody>\n");
        if (parentLink) {
            out.append("<tr class=\"parent directory\"><td><a href=\"../\">../</a></td><td></td><td></td>")
                    .append("<td>[Directory]</td><td></td></tr>\n");
        }
        int row = 0;
        for (Entry e : sorted) {
            String parity = row++ % 2 == 0 ? "odd" : "even";
            String href = encode(e.name()) + (e.directory() ? "/" : "");
            String text = escape(e.name()) + (e.directory() ? "/" : "");
            String size = e.directory() ? "" : formatSize(e.size());
            String type = "[Directory]";
            String encoding = "";
            if (!e.directory()) {
                MimeTypes.TypeAndEncoding te = types.typeAndEncoding(e.name());
                type = "[" + escape(te.type()) + "]";
                encoding = te.encoding() == null ? "" : "[" + escape(te.encoding()) + "]";
            }
            out.append("<tr class=\"").append(parity).append(e.directory() ? " directory" : "")
                    .append("\"><td><a href=\"").append(href).append("\">").append(text).append("</a></td><td>")
                    .append(size).append("</td><td>").append(time(e.modified())).append("</td><td>")
                    .append(type).append("</td><td>").append(encoding)
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * A modification time as the listing shows it: a {@code <time>} element whose {@code datetime} is the
     * instant to the second, showing the UTC date and time to the minute.
     *
     * @param modified the time
     * @return such as {@code <time datetime="2024-03-05T14:07:09Z">2024-03-05 14:07</time>}
     */
    public static String time(Instant modified) {
        return "<time datetime=\"" + modified.truncatedTo(ChronoUnit.SECONDS) + "\">" + SHOWN_TIME.format(modified)
                + "</time>";
    }

    /**
     * A size as Twisted shows it: whole bytes, K, M or G (powers of 1024, rounded down).
     *
     * @param size bytes
     * @return such as {@code 512B}, {@code 1K}, {@code 3M}, {@code 2G}
     */
    public static String formatSize(long size) {
        if (size < 1024) {
            return size + "B";
        } else if (size < 1024L * 1024) {
            return size / 1024 + "K";
        } else if (size < 1024L * 1024 * 1024) {
            return size / (1024L * 1024) + "M";
        }
        return size / (1024L * 1024 * 1024) + "G";
    }

    /**
     * Escapes text for HTML content and quoted attributes.
     *
     * @param text any text
     * @return the text with {@code & < > " '} replaced by references
     */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Percent-encodes a file name as one URL path segment: only letters, digits and {@code -._~} are left
     * as they are; everything else, {@code /}, {@code :} and {@code %} included, is encoded as UTF-8.
     *
     * @param name a file name
     * @return the encoded segment
     */
    public static String encode(String name) {
        StringBuilder b = new StringBuilder(name.length() + 16);
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
