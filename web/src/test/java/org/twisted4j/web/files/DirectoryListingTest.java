package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.web.files.DirectoryListing.Entry;

class DirectoryListingTest {

    private static final MimeTypes TYPES = MimeTypes.defaults();
    private static final Instant MODIFIED = Instant.parse("2024-03-05T14:07:09Z");
    private static final String SHOWN = "<time datetime=\"2024-03-05T14:07:09Z\">2024-03-05 14:07</time>";

    private static Entry file(String name, long size) {
        return new Entry(name, false, size, MODIFIED);
    }

    private static Entry dir(String name) {
        return new Entry(name, true, 4096, MODIFIED);
    }

    private static String render(String urlPath, List<Entry> entries) {
        return DirectoryListing.render(urlPath, false, entries, TYPES);
    }

    private static List<String> rows(String html) {
        return html.lines().filter(l -> l.startsWith("<tr class=")).toList();
    }

    @Test
    void directoriesComeFirstThenFilesEachSortedByName() {
        String html = render("/x/", List.of(file("b.txt", 1), dir("zdir"), file("a.txt", 2), dir("adir")));
        assertThat(rows(html)).hasSize(4);
        assertThat(rows(html).get(0)).contains(">adir/<");
        assertThat(rows(html).get(1)).contains(">zdir/<");
        assertThat(rows(html).get(2)).contains(">a.txt<");
        assertThat(rows(html).get(3)).contains(">b.txt<");
    }

    @Test
    void rowsShowLinkSizeTimeTypeAndEncoding() {
        String html = render("/", List.of(file("logs.tar.gz", 3 * 1024 * 1024 + 5), dir("sub")));
        assertThat(html).contains("<thead><tr><th>Filename</th><th>Size</th><th>Last modified (UTC)</th>"
                + "<th>Content type</th><th>Content encoding</th></tr></thead>");
        assertThat(rows(html)).containsExactly(
                "<tr class=\"odd directory\"><td><a href=\"sub/\">sub/</a></td><td></td><td>" + SHOWN
                        + "</td><td>[Directory]</td><td></td></tr>",
                "<tr class=\"even\"><td><a href=\"logs.tar.gz\">logs.tar.gz</a></td><td>3M</td><td>" + SHOWN
                        + "</td><td>[application/x-tar]</td><td>[gzip]</td></tr>");
    }

    @Test
    void theParentLinkComesFirstWhenAsked() {
        List<Entry> entries = List.of(file("b.txt", 1), dir("a"));
        String html = DirectoryListing.render("/docs/sub/", true, entries, TYPES);
        assertThat(rows(html)).hasSize(3);
        assertThat(rows(html).getFirst()).isEqualTo("<tr class=\"parent directory\"><td><a href=\"../\">../</a></td>"
                + "<td></td><td></td><td>[Directory]</td><td></td></tr>");
        assertThat(rows(html).get(1)).startsWith("<tr class=\"odd directory\">").contains(">a/<");
        assertThat(render("/docs/", entries)).doesNotContain("href=\"../\"");
    }

    @Test
    void timesAreShownInUtcToTheMinuteWithTheExactSecondInTheMarkup() {
        assertThat(DirectoryListing.time(Instant.parse("1999-12-31T23:59:59.999Z")))
                .isEqualTo("<time datetime=\"1999-12-31T23:59:59Z\">1999-12-31 23:59</time>");
        assertThat(DirectoryListing.time(Instant.EPOCH))
                .isEqualTo("<time datetime=\"1970-01-01T00:00:00Z\">1970-01-01 00:00</time>");
    }

    @Test
    void namesAreEscapedAndLinksEncoded() {
        String name = "<script>alert('x')</script> & \"q\".html";
        String html = render("/", List.of(file(name, 1)));
        assertThat(html).doesNotContain("<script>").doesNotContain("'x'");
        assertThat(rows(html).get(0)).contains(
                "href=\"%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E%20%26%20%22q%22.html\"",
                ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;.html<");
    }

    @Test
    void linksCannotBecomeOtherSchemes() {
        String html = render("/", List.of(file("javascript:alert(1)", 1)));
        assertThat(html).contains("href=\"javascript%3Aalert%281%29\"");
    }

    @Test
    void unicodeNamesAreUtf8PercentEncoded() {
        assertThat(DirectoryListing.encode("café ✓")).isEqualTo("caf%C3%A9%20%E2%9C%93");
        assertThat(DirectoryListing.encode("100%.txt")).isEqualTo("100%25.txt");
        assertThat(DirectoryListing.encode("a-b_c.d~e")).isEqualTo("a-b_c.d~e");
    }

    @Test
    void titleShowsTheEscapedPath() {
        String html = render("/a<b>/", List.of());
        assertThat(html).contains("<title>Directory listing for /a&lt;b&gt;/</title>")
                .contains("<h1>Directory listing for /a&lt;b&gt;/</h1>");
        assertThat(rows(html)).isEmpty();
    }

    @Test
    void sameInputGivesSamePage() {
        List<Entry> entries = List.of(file("b", 1), file("a", 1));
        assertThat(render("/", entries)).isEqualTo(render("/", entries.reversed()));
    }

    @Test
    void rowsAlternateOddAndEven() {
        String html = DirectoryListing.render("/d/", true, List.of(file("a", 1), file("b", 1), file("c", 1)), TYPES);
        assertThat(rows(html)).extracting(r -> r.substring(0, 20))
                .containsExactly("<tr class=\"parent di", "<tr class=\"odd\"><td>", "<tr class=\"even\"><td",
                        "<tr class=\"odd\"><td>");
    }

    @Test
    void sizesAreHumanReadableAsTwisted() {
        assertThat(DirectoryListing.formatSize(0)).isEqualTo("0B");
        assertThat(DirectoryListing.formatSize(1023)).isEqualTo("1023B");
        assertThat(DirectoryListing.formatSize(1024)).isEqualTo("1K");
        assertThat(DirectoryListing.formatSize(1024 * 1024 - 1)).isEqualTo("1023K");
        assertThat(DirectoryListing.formatSize(5L * 1024 * 1024)).isEqualTo("5M");
        assertThat(DirectoryListing.formatSize(3L * 1024 * 1024 * 1024 + 1)).isEqualTo("3G");
    }

    @Test
    void pageIsADeclaredUtf8Document() {
        String html = render("/", List.of());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").endsWith("</html>\n");
        assertThat(DirectoryListing.CONTENT_TYPE).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void readsEntriesFromTheFileSystem(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.write(dir.resolve("f.bin"), new byte[2048]);
        Files.write(dir.resolve(".hidden"), new byte[1]);
        Files.setLastModifiedTime(dir.resolve("f.bin"), FileTime.from(MODIFIED));
        Files.setLastModifiedTime(dir.resolve(".hidden"), FileTime.from(MODIFIED));
        Files.setLastModifiedTime(dir.resolve("sub"), FileTime.from(Instant.EPOCH));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThat(DirectoryListing.read(dir)).as("every entry, dot-files too").containsExactlyInAnyOrder(
                new Entry("sub", true, Files.size(dir.resolve("sub")), Instant.EPOCH), file("f.bin", 2048),
                file(".hidden", 1));
    }
}
