package org.twisted4j.conch.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A local file's SFTP attributes and its {@code ls -l} line as OpenSSH's sftp-server writes it
 * ({@code ls_file}: mode, links, owner, group, size, date, name).
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class Listing {
    private static final long SIX_MONTHS = 365L * 24 * 60 * 60 / 2;
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ENGLISH);

    /** What a stat gives: the attributes and the ls details. */
    record Stat(FileAttributes attrs, int links, String owner, String group) {
    }

    private Listing() {
    }

    static Stat stat(Path path) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path,
                "unix:size,uid,gid,mode,lastAccessTime,lastModifiedTime,nlink,owner,group", LinkOption.NOFOLLOW_LINKS);
        int atime = (int) (((FileTime) unix.get("lastAccessTime")).toMillis() / 1000);
        int mtime = (int) (((FileTime) unix.get("lastModifiedTime")).toMillis() / 1000);
        FileAttributes attrs = new FileAttributes((Long) unix.get("size"), (Integer) unix.get("uid"),
                (Integer) unix.get("gid"), (Integer) unix.get("mode"), atime, mtime, List.of());
        return new Stat(attrs, (Integer) unix.get("nlink"), ((UserPrincipal) unix.get("owner")).getName(),
                ((GroupPrincipal) unix.get("group")).getName());
    }

    static NameEntry entry(String name, Stat stat) {
        return new NameEntry(name, longname(name, stat, Instant.now().getEpochSecond()), stat.attrs());
    }

    static String longname(String name, Stat stat, long now) {
        FileAttributes attrs = stat.attrs();
        int mode = attrs.permissions() == null ? 0 : attrs.permissions();
        long mtime = attrs.mtime() == null ? 0 : attrs.mtime() & 0xffffffffL;
        DateTimeFormatter format = now - SIX_MONTHS < mtime && mtime < now + SIX_MONTHS ? RECENT : OLD;
        String date = format.format(Instant.ofEpochSecond(mtime).atZone(ZoneId.systemDefault()));
        return String.format(Locale.ROOT, "%s %3d %-8s %-8s %8d %s %s", mode(mode), stat.links(), stat.owner(),
                stat.group(), attrs.size() == null ? 0 : attrs.size(), date, name);
    }

    /** The ten-character mode of {@code ls -l}, as strmode(3) writes it. */
    static String mode(int mode) {
        char type = switch (mode & 0xf000) {
            case 0x4000 -> 'd';
            case 0xa000 -> 'l';
            case 0x2000 -> 'c';
            case 0x6000 -> 'b';
            case 0x1000 -> 'p';
            case 0xc000 -> 's';
            case 0x8000 -> '-';
            default -> '?';
        };
        StringBuilder out = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            out.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        special(out, 3, (mode & 04000) != 0, 's');
        special(out, 6, (mode & 02000) != 0, 's');
        special(out, 9, (mode & 01000) != 0, 't');
        return out.toString();
    }

    private static void special(StringBuilder out, int at, boolean set, char letter) {
        if (set) {
            out.setCharAt(at, out.charAt(at) == 'x' ? letter : Character.toUpperCase(letter));
        }
    }
}
