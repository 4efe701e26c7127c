package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.task.Clock;

/** The file store: what it writes survives reopening, and a torn overview line is cut off. */
class FileNewsStorageTest {

    @TempDir
    Path dir;
    Clock clock;

    @BeforeEach
    void setUp() {
        clock = new Clock();
        clock.advance(NntpServerTest.NOW);
    }

    static Article article(String id, String groups) throws ArticleFormatException {
        return Article.parse(("From: a@example.com\r\nNewsgroups: " + groups + "\r\nSubject: s " + id
                + "\r\nMessage-ID: " + id + "\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n\r\nbody\r\n").getBytes(ISO_8859_1));
    }

    static <T> T result(Deferred<T> deferred) {
        Object[] box = new Object[1];
        deferred.addCallbacks(value -> box[0] = value, failure -> box[0] = failure);
        if (box[0] instanceof Failure failure) {
            throw new AssertionError(failure.getErrorMessage(), failure.value());
        }
        @SuppressWarnings("unchecked")
        T value = (T) box[0];
        return value;
    }

    static Throwable failure(Deferred<?> deferred) {
        Throwable[] box = new Throwable[1];
        deferred.addCallbacks(value -> null, failure -> box[0] = failure.value());
        assertThat(box[0]).as("the Deferred failed").isNotNull();
        return box[0];
    }

    @Test
    void articlesGroupsAndNumbersSurviveReopening() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock))
                .addGroup("local.one", PostingStatus.ALLOWED, "First", null)
                .addGroup("local.two", PostingStatus.MODERATED, "Second", "mod@example.com");
        assertThat(result(storage.store(article("<1@x>", "local.one"), "news.example"))).isEqualTo(Map.of("local.one", 1L));
        clock.advance(60);
        assertThat(result(storage.store(article("<2@x>", "local.one,local.two,other"), "news.example")))
                .isEqualTo(Map.of("local.one", 2L, "local.two", 1L));

        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        NewsGroup one = result(reopened.group("local.one"));
        assertThat(one).isEqualTo(new NewsGroup("local.one", 1, 2, 2, PostingStatus.ALLOWED,
                Instant.ofEpochSecond((long) NntpServerTest.NOW), "First", null));
        assertThat(result(reopened.group("local.two")).moderator()).isEqualTo("mod@example.com");
        assertThat(new String(result(reopened.article("<2@x>")), ISO_8859_1))
                .contains("\r\nXref: news.example local.one:2 local.two:1\r\n\r\nbody\r\n");
        assertThat(result(reopened.overview("local.one", 1, Long.MAX_VALUE))).extracting(OverviewEntry::messageId)
                .containsExactly("<1@x>", "<2@x>");
        assertThat(result(reopened.newNews(Wildmat.all(), Instant.ofEpochSecond((long) NntpServerTest.NOW + 30))))
                .containsExactly("<2@x>");
        assertThat(failure(reopened.store(article("<1@x>", "local.two"), "news.example")))
                .isInstanceOf(ArticleRejected.class).hasMessage("Duplicate article <1@x>");
        assertThat(result(reopened.store(article("<3@x>", "local.one"), "news.example"))).isEqualTo(Map.of("local.one", 3L));
    }

    @Test
    void unforcedStoresKeepTheSameFilesAndAFileLeftWithoutItsOverviewLineIsOverwritten() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).setForced(false)
                .addGroup("local.one", PostingStatus.ALLOWED, "", null);
        // What a crash between an article's file and its overview line leaves: its file, longer than the copy to come.
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("<3@x>".getBytes(ISO_8859_1)));
        Path orphan = Files.createDirectories(dir.resolve("articles").resolve(hash.substring(0, 2))).resolve(hash);
        Files.writeString(orphan, "x".repeat(5000));
        for (int i = 1; i <= 3; i++) {
            assertThat(result(storage.store(article("<" + i + "@x>", "local.one"), "news.example")))
                    .isEqualTo(Map.of("local.one", (long) i));
        }
        storage.close();
        assertThat(result(storage.store(article("<4@x>", "local.one"), "news.example")))
                .as("a closed store opens its overview file again").isEqualTo(Map.of("local.one", 4L));
        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(result(reopened.overview("local.one", 1, 10))).extracting(OverviewEntry::messageId)
                .containsExactly("<1@x>", "<2@x>", "<3@x>", "<4@x>");
        assertThat(new String(result(reopened.article("<3@x>")), ISO_8859_1)).startsWith("From: a@example.com\r\n")
                .endsWith("\r\n\r\nbody\r\n").doesNotContain("xxx");
    }

    @Test
    void anOverviewLineTornByACrashIsCutOffAndItsArticleCanComeAgain() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).addGroup("local.one", PostingStatus.ALLOWED, "", null);
        result(storage.store(article("<1@x>", "local.one"), "news.example"));
        Path overview = dir.resolve("overview/local.one");
        Files.writeString(overview, "2\t<2@x>\tcut sh", ISO_8859_1, StandardOpenOption.APPEND);

        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(result(reopened.overview("local.one", 1, 10))).extracting(OverviewEntry::number).containsExactly(1L);
        assertThat(Files.readString(overview, ISO_8859_1)).endsWith("\n").doesNotContain("cut sh");
        assertThat(result(reopened.hasArticle("<2@x>"))).isFalse();
        assertThat(result(reopened.store(article("<2@x>", "local.one"), "news.example"))).isEqualTo(Map.of("local.one", 2L));
        assertThat(result(FileNewsStorage.open(dir, WallClock.of(clock)).overview("local.one", 1, 10))).hasSize(2);
    }

    @Test
    void articlesLieInOneSpoolAndReadBackWhileTheStoreTakesMore() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).setForced(false)
                .addGroup("local.one", PostingStatus.ALLOWED, "", null);
        for (int i = 1; i <= 50; i++) {
            result(storage.store(article("<" + i + "@x>", "local.one"), "news.example"));
            assertThat(new String(result(storage.article("<" + i + "@x>")), ISO_8859_1)).contains("Subject: s <" + i + "@x>\r\n");
        }
        assertThat(dir.resolve("articles")).isEmptyDirectory();
        long spool = Files.size(dir.resolve("spool"));
        List<String> lines = Files.readAllLines(dir.resolve("overview/local.one"), ISO_8859_1);
        String[] last = lines.get(lines.size() - 1).split("\t");
        assertThat(Long.parseLong(last[10]) + Long.parseLong(last[11]))
                .as("the last overview line names the article at the spool's end").isEqualTo(spool);
        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(Files.size(dir.resolve("spool"))).isEqualTo(spool);
        assertThat(new String(result(reopened.article("<37@x>")), ISO_8859_1)).startsWith("From: a@example.com\r\n")
                .contains("Subject: s <37@x>\r\n").endsWith("\r\n\r\nbody\r\n");
    }

    @Test
    void aSpoolWriteWithoutItsOverviewLineIsCutOffAndTheArticleCanComeAgain() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).addGroup("local.one", PostingStatus.ALLOWED, "", null);
        result(storage.store(article("<1@x>", "local.one"), "news.example"));
        long stored = Files.size(dir.resolve("spool"));
        storage.close();
        // What a crash between an article's spool write and its overview line leaves: a whole article and a torn
        // one at the spool's end, named by no overview line.
        Files.write(dir.resolve("spool"), article("<2@x>", "local.one").toBytes(), StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("spool"), "From: torn@exa", ISO_8859_1, StandardOpenOption.APPEND);

        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(Files.size(dir.resolve("spool"))).isEqualTo(stored);
        assertThat(result(reopened.hasArticle("<2@x>"))).isFalse();
        assertThat(result(reopened.article("<2@x>"))).isNull();
        assertThat(result(reopened.store(article("<2@x>", "local.one"), "news.example"))).isEqualTo(Map.of("local.one", 2L));
        reopened.close();
        FileNewsStorage again = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(result(again.overview("local.one", 1, 10))).extracting(OverviewEntry::messageId).containsExactly("<1@x>", "<2@x>");
        assertThat(new String(result(again.article("<2@x>")), ISO_8859_1)).startsWith("From: a@example.com\r\n")
                .doesNotContain("torn").endsWith("\r\n\r\nbody\r\n");
        assertThat(new String(result(again.article("<1@x>")), ISO_8859_1)).contains("Subject: s <1@x>\r\n");
    }

    @Test
    void overviewLinesWhoseArticlesTheSpoolLostAreCutOff() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).setForced(false)
                .addGroup("local.one", PostingStatus.ALLOWED, "", null).addGroup("local.two", PostingStatus.ALLOWED, "", null);
        result(storage.store(article("<1@x>", "local.one,local.two"), "news.example"));
        long first = Files.size(dir.resolve("spool"));
        long overviewOne = Files.size(dir.resolve("overview/local.one"));
        result(storage.store(article("<2@x>", "local.one"), "news.example"));
        result(storage.store(article("<3@x>", "local.two"), "news.example"));
        storage.close();
        // An unforced store and a machine crash: the overview lines were written back, the spool's end was not.
        try (java.nio.channels.FileChannel spool = java.nio.channels.FileChannel.open(dir.resolve("spool"), StandardOpenOption.WRITE)) {
            spool.truncate(first + 10);
        }

        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(result(reopened.overview("local.one", 1, 10))).extracting(OverviewEntry::messageId).containsExactly("<1@x>");
        assertThat(result(reopened.overview("local.two", 1, 10))).extracting(OverviewEntry::messageId).containsExactly("<1@x>");
        assertThat(Files.size(dir.resolve("overview/local.one"))).isEqualTo(overviewOne);
        assertThat(Files.size(dir.resolve("spool"))).as("the rest of a lost article is cut too").isEqualTo(first);
        assertThat(result(reopened.hasArticle("<2@x>"))).isFalse();
        assertThat(result(reopened.store(article("<3@x>", "local.two"), "news.example"))).isEqualTo(Map.of("local.two", 2L));
        assertThat(new String(result(FileNewsStorage.open(dir, WallClock.of(clock)).article("<3@x>")), ISO_8859_1))
                .contains("Subject: s <3@x>\r\n").contains("Xref: news.example local.two:2\r\n");
    }

    @Test
    void articlesInFilesOfTheEarlierLayoutAreStillRead() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).addGroup("local.one", PostingStatus.ALLOWED, "", null);
        storage.close();
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("<old@x>".getBytes(ISO_8859_1)));
        Path file = Files.createDirectories(dir.resolve("articles").resolve(hash.substring(0, 2))).resolve(hash);
        Files.write(file, article("<old@x>", "local.one").toBytes());
        Files.writeString(dir.resolve("overview/local.one"), "1\t<old@x>\ts <old@x>\ta@example.com\tMon, 7 Dec 2026 12:00:00 +0000"
                + "\t\t150\t1\tXref: news.example local.one:1\t1796644800000\n", ISO_8859_1);

        FileNewsStorage reopened = FileNewsStorage.open(dir, WallClock.of(clock));
        assertThat(new String(result(reopened.article("<old@x>")), ISO_8859_1)).contains("Subject: s <old@x>\r\n");
        assertThat(result(reopened.store(article("<new@x>", "local.one"), "news.example"))).isEqualTo(Map.of("local.one", 2L));
        assertThat(new String(result(FileNewsStorage.open(dir, WallClock.of(clock)).article("<new@x>")), ISO_8859_1))
                .contains("Subject: s <new@x>\r\n");
    }

    @Test
    void aStoreThatFailsHalfWayLeavesTheArticleInNoGroup() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock))
                .addGroup("local.one", PostingStatus.ALLOWED, "", null).addGroup("local.two", PostingStatus.ALLOWED, "", null);
        result(storage.store(article("<1@x>", "local.one"), "news.example"));
        long before = Files.size(dir.resolve("overview/local.one"));
        Files.createDirectories(dir.resolve("overview/local.two"));   // a directory where the file should be: appends fail
        assertThat(failure(storage.store(article("<2@x>", "local.one,local.two"), "news.example")))
                .isInstanceOf(ArticleRejected.class).hasMessage("Storage failed");
        assertThat(Files.size(dir.resolve("overview/local.one"))).isEqualTo(before);
        assertThat(result(storage.hasArticle("<2@x>"))).isFalse();
        Files.delete(dir.resolve("overview/local.two"));
        assertThat(result(storage.store(article("<2@x>", "local.one,local.two"), "news.example")))
                .isEqualTo(Map.of("local.one", 2L, "local.two", 1L));
        assertThat(result(FileNewsStorage.open(dir, WallClock.of(clock)).overview("local.one", 1, 9))).hasSize(2);
    }

    @Test
    void groupsAreCheckedAndArticlesForNoCarriedGroupRefused() throws Exception {
        FileNewsStorage storage = FileNewsStorage.open(dir, WallClock.of(clock)).addGroup("local.one", PostingStatus.ALLOWED, "", null);
        assertThat(failure(storage.store(article("<1@x>", "alt.nowhere"), "news.example")))
                .isInstanceOf(ArticleRejected.class).hasMessage("No newsgroup of the article is carried here");
        assertThat(result(storage.listGroups())).extracting(NewsGroup::name).isEqualTo(List.of("local.one"));
        assertThat(result(storage.article("<1@x>"))).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.addGroup("../etc", PostingStatus.ALLOWED, "", null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.addGroup("local.one", PostingStatus.ALLOWED, "", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
