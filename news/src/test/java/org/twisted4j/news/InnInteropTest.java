package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.trial.TrialExtension;

/**
 * INN (Debian's {@code inn2}) peering with us both ways: our feed offers articles to innd with IHAVE and with
 * streaming (CHECK/TAKETHIS), and nnrpd then serves them with our Path; INN's innxmit pushes its file feed to our
 * server with IHAVE and streaming; our client reads and posts through nnrpd.
 */
@ExtendWith(TrialExtension.class)
class InnInteropTest {

    @TempDir
    Path dir;

    private static byte[] article(String id, String subject) {
        return article(id, subject, "example.com!not-for-mail");
    }

    private static byte[] article(String id, String subject, String path) {
        return ("From: a@example.com\r\nNewsgroups: local.test\r\nSubject: " + subject + "\r\nMessage-ID: " + id
                + "\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\nPath: " + path + "\r\n\r\n.dotted "
                + subject + "\r\nline two\r\n").getBytes(ISO_8859_1);
    }

    private static NNTPClient connect(NioReactor reactor, int port) throws Exception {
        NNTPClient client = new NNTPClient();
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port), client));
        Coroutine.await(client.greeting());
        return client;
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    @Test
    void ourFeedOffersArticlesToInnWithIhaveAndStreaming(NioReactor reactor) throws Exception {
        InnServer inn = InnServer.start(reactor, dir.resolve("inn"), List.of("local.test"));
        try {
            MemoryNewsStorage storage = new MemoryNewsStorage(Clock.systemUTC())
                    .addGroup("local.test", PostingStatus.ALLOWED, "", null);
            for (int i = 1; i <= 6; i++) {
                // As our server keeps what was posted to it: its name first in Path.
                Coroutine.await(storage.store(Article.parse(article("<" + i + "@ours.example>", "ours " + i,
                        "ours.example!not-for-mail")),
                        "ours.example"));
            }
            NewsFeed ihave = NewsFeed.to(InnServer.PATH_HOST, "tcp:127.0.0.1:" + inn.transitPort(), storage, reactor,
                    reactor);
            ihave.setStreaming(false);
            ihave.offer("<1@ours.example>", "ours.example!not-for-mail");
            ihave.offer("<2@ours.example>", "ours.example!not-for-mail");
            Coroutine.await(ihave.whenDrained());
            Coroutine.await(ihave.stop());
            NewsFeed streaming = NewsFeed.to(InnServer.PATH_HOST, "tcp:127.0.0.1:" + inn.transitPort(), storage,
                    reactor, reactor);
            for (int i = 1; i <= 6; i++) {
                streaming.offer("<" + i + "@ours.example>", "ours.example!not-for-mail");
            }
            Coroutine.await(streaming.whenDrained());
            Coroutine.await(streaming.stop());
            assertThat(ihave.sent()).as("IHAVE").isEqualTo(2);
            assertThat(streaming.sent()).as("TAKETHIS").isEqualTo(4);
            assertThat(streaming.refused()).as("the two INN has, refused by CHECK").isEqualTo(2);

            NNTPClient reader = connect(reactor, inn.readerPort());
            assertThat(Coroutine.await(reader.fetchGroup("local.test"))).isEqualTo(
                    new NNTPClient.GroupInfo(6, 1, 6, "local.test"));
            String fed = new String(Coroutine.await(reader.fetchArticle("<5@ours.example>")), ISO_8859_1);
            assertThat(fed).contains("Message-ID: <5@ours.example>\r\n",
                    "Path: " + InnServer.PATH_HOST + "!ours.example!not-for-mail\r\n")
                    .endsWith("\r\n\r\n.dotted ours 5\r\nline two\r\n");
            Coroutine.await(reader.quit());
        } finally {
            inn.stop(reactor);
        }
    }

    @Test
    void innxmitFeedsOurServerAndOurClientReadsAndPostsThroughNnrpd(NioReactor reactor) throws Exception {
        InnServer inn = InnServer.start(reactor, dir.resolve("inn"), List.of("local.test", "local.other"));
        MemoryNewsStorage storage = new MemoryNewsStorage(Clock.systemUTC())
                .addGroup("local.test", PostingStatus.ALLOWED, "", null);
        ListeningPort ours = reactor.listenTCP(0, new NntpServerFactory(storage, reactor)
                .setServerName("ours.example"), 50, "127.0.0.1");
        try {
            NNTPClient reader = connect(reactor, inn.readerPort());
            Coroutine.await(reader.postArticle(article("<posted-1@example.com>", "one")));
            Coroutine.await(reader.postArticle(article("<posted-2@example.com>", "two")));
            assertThat(Coroutine.await(reader.fetchGroup("local.test"))).isEqualTo(
                    new NNTPClient.GroupInfo(2, 1, 2, "local.test"));
            List<OverviewEntry> overview = Coroutine.await(reader.over(new ArticleRange(1, 2)));
            assertThat(overview).extracting(OverviewEntry::subject).containsExactly("one", "two");
            assertThat(overview.get(1).messageId()).isEqualTo("<posted-2@example.com>");
            assertThat(new String(Coroutine.await(reader.fetchArticle("1")), ISO_8859_1))
                    .contains("Xref: " + InnServer.PATH_HOST + " local.test:1\r\n").endsWith("\r\n.dotted one\r\nline two\r\n");

            String plain = inn.sendFeed(reactor, port(ours), false);
            assertThat(plain).as(plain).contains("IHAVE <posted-1@example.com>").doesNotContain("TAKETHIS");
            assertThat(Files.exists(inn.flushFeed(reactor)) ? Files.readString(inn.flushFeed(reactor)) : "")
                    .as("innxmit -a empties the batch once all was sent: " + plain).isEmpty();
            assertThat(new String(Coroutine.await(storage.article("<posted-2@example.com>")), ISO_8859_1))
                    .contains("Path: ours.example!" + InnServer.PATH_HOST + "!")
                    .contains("Xref: ours.example local.test:2\r\n").endsWith("\r\n.dotted two\r\nline two\r\n");

            Coroutine.await(reader.postArticle(article("<posted-3@example.com>", "three")));
            Coroutine.await(reader.postArticle(article("<posted-4@example.com>", "four")));
            String streamed = inn.sendFeed(reactor, port(ours), true);
            assertThat(streamed).as(streamed).contains("MODE STREAM", "TAKETHIS <posted-4@example.com>");
            assertThat(Coroutine.await(storage.group("local.test")).count()).isEqualTo(4);
            assertThat(new String(Coroutine.await(storage.article("<posted-4@example.com>")), ISO_8859_1))
                    .contains("Path: ours.example!" + InnServer.PATH_HOST + "!").endsWith("\r\n.dotted four\r\nline two\r\n");
            Coroutine.await(reader.quit());

            NNTPClient compressed = connect(reactor, inn.readerPort());
            assertThat(Coroutine.await(compressed.capabilities())).contains("COMPRESS DEFLATE");
            Coroutine.await(compressed.compress());
            assertThat(Coroutine.await(compressed.capabilities())).doesNotContain("COMPRESS DEFLATE");
            assertThat(Coroutine.await(compressed.fetchGroup("local.test")).count()).isEqualTo(4);
            assertThat(Coroutine.await(compressed.over(new ArticleRange(1, 4)))).extracting(OverviewEntry::subject)
                    .containsExactly("one", "two", "three", "four");
            Coroutine.await(compressed.postArticle(article("<compressed@example.com>", "compressed")));
            assertThat(new String(Coroutine.await(compressed.fetchArticle("<compressed@example.com>")), ISO_8859_1))
                    .endsWith("\r\n.dotted compressed\r\nline two\r\n");
            Coroutine.await(compressed.quit());
        } finally {
            Coroutine.await(ours.stopListening());
            inn.stop(reactor);
        }
    }
}
