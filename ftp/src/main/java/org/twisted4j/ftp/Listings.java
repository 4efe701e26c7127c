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

    /** One {@code ls -l} line, as Twisted's and vsftpd's LIST give, without line end. */
    static String longLine(FileInfo info, Instant now) {
        StringBuilder perms = new StringBuilder(info.directory() ? "d" : "-");
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            perms.append((info.mode() & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        boolean recent = info.modified().isAfter(now.minusSeconds(180L * 86400))
                && !info.modified().isAfter(now.plusSeconds(86400));
        String when = (recent ? RECENT : OLD).format(info.modified());
        return String.format(Locale.ROOT, "%s %3d %-8s %-8s %12d %s %s", perms, info.directory() ? 2 : 1,
                info.owner(), info.group(), info.size(), when, info.name());
    }

    /** The MLSD/MLST facts of one entry followed by a space and its name, without line end (RFC 3659 §7). */
    static String facts(FileInfo info, String name) {
        String type = info.directory() ? "dir" : "file";
        String perm = info.directory() ? (info.writable() ? "flcdmpe" : "el") : (info.writable() ? "adfrw" : "r");
        return "type=" + type + ";size=" + info.size() + ";modify=" + MDTM.format(info.modified()) + ";perm=" + perm
                + ";UNIX.mode=0" + Integer.toOctalString(info.mode()) + "; " + name;
    }
}
