package org.twisted4j.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** LIST lines: the {@code ls -l} layout, column for column. */
class ListingsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void longLineHasTheColumnsOfLsL() {
        FileInfo file = new FileInfo("f1.txt", false, 1001, Instant.parse("2026-12-01T08:05:00Z"), 0644, "ftp", "ftp",
                false);
        FileInfo dir = new FileInfo("small", true, 4096, Instant.parse("2024-03-09T10:00:00Z"), 0755, "root", "wheel",
                true);

        assertThat(Listings.longLine(file, NOW)).isEqualTo("-rw-r--r--   1 ftp      ftp              1001 Dec 01 08:05 f1.txt");
        assertThat(Listings.longLine(dir, NOW)).isEqualTo("drwxr-xr-x   2 root     wheel            4096 Mar 09  2024 small");
    }

    @Test
    void longLineMatchesItsFormatStringForLongAndShortFields() {
        List<FileInfo> entries = List.of(
                new FileInfo("a b", false, 0, NOW, 0, "", "", false),
                new FileInfo("x", false, 123_456_789_012_345L, NOW.plusSeconds(2 * 86400), 0777, "averylongowner",
                        "averylonggroup", true),
                new FileInfo("été", true, 7, NOW.minusSeconds(400L * 86400), 01755, "12345678", "1234567", true));
        for (FileInfo info : entries) {
            String perms = (info.directory() ? "d" : "-") + bits(info.mode());
            String columns = String.format(Locale.ROOT, "%s %3d %-8s %-8s %12d ", perms, info.directory() ? 2 : 1,
                    info.owner(), info.group(), info.size());
            String line = Listings.longLine(info, NOW);
            // then the date, 12 characters either way ("MMM dd HH:mm" or "MMM dd  yyyy"), a space and the name
            assertThat(line).startsWith(columns).endsWith(" " + info.name())
                    .hasSize(columns.length() + 12 + 1 + info.name().length());
        }
    }

    private static String bits(int mode) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            out.append((mode & (1 << (8 - i))) != 0 ? "rwxrwxrwx".charAt(i) : '-');
        }
        return out.toString();
    }
}
