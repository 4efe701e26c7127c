package org.twisted4j.ftp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats directory entries for LIST ({@code ls -l} style), MLSD/MLST facts and MDTM. */
final class Listings {

    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter MDTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Listings() {
    }

    /**
     * One {@code ls -l} line, as Twisted's and vsftpd's LIST give, without line end: the layout of
     * {@code "%s %3d %-8s %-8s %12d %s %s"}, built without a {@code Formatter} (a listing has a line per file).
     */
    static String longLine(FileInfo info, Instant now) {
        StringBuilder out = new StringBuilder(64 + info.name().length());
        out.append(info.directory() ? 'd' : '-');
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            out.append((info.mode() & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        boolean recent = info.modified().isAfter(now.minusSeconds(180L * 86400))
                && !info.modified().isAfter(now.plusSeconds(86400));
        out.append(' ');
        padLeft(out, info.directory() ? "2" : "1", 3).append(' ');
        padRight(out, info.owner(), 8).append(' ');
        padRight(out, info.group(), 8).append(' ');
        padLeft(out, Long.toString(info.size()), 12).append(' ');
        (recent ? RECENT : OLD).formatTo(info.modified(), out);
        return out.append(' ').append(info.name()).toString();
    }

    private static StringBuilder padLeft(StringBuilder out, String text, int width) {
        out.repeat(' ', Math.max(0, width - text.length()));
        return out.append(text);
    }

    private static StringBuilder padRight(StringBuilder out, String text, int width) {
        out.append(text);
        return out.repeat(' ', Math.max(0, width - text.length()));
    }

    /** The MLSD/MLST facts of one entry followed by a space and its name, without line end (RFC 3659 §7). */
    static String facts(FileInfo info, String name) {
        String type = info.directory() ? "dir" : "file";
        String perm = info.directory() ? (info.writable() ? "flcdmpe" : "el") : (info.writable() ? "adfrw" : "r");
        return "type=" + type + ";size=" + info.size() + ";modify=" + MDTM.format(info.modified()) + ";perm=" + perm
                + ";UNIX.mode=0" + Integer.toOctalString(info.mode()) + "; " + name;
    }
}
