package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.task.Tasks;
import org.twisted4j.trial.TrialExtension;

/** Two of our servers feeding each other on loopback: what is posted on one appears on the other, once. */
@ExtendWith(TrialExtension.class)
class NewsFeedTest {

    record Site(MemoryNewsStorage storage, FeedingStorage feeding, NewsFeed feed, ListeningPort port) {
    }

    private static int port(ListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    private static byte[] article(String id, String subject) {
        return ("From: a@example.com\r\nNewsgroups: local.test\r\nSubject: " + subject + "\r\nMessage-ID: " + id
                + "\r\n\r\nbody\r\n").getBytes(ISO_8859_1);
    }

    private static NNTPClient connect(NioReactor reactor, ListeningPort port) throws Exception {
        NNTPClient client = new NNTPClient();
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port(port)),
                client));
        Coroutine.await(client.greeting());
        return client;
    }

    @Test
    void articlesPostedOnEitherSiteReachTheOtherAndDoNotComeBack(NioReactor reactor) throws Exception {
        MemoryNewsStorage a = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        MemoryNewsStorage b = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        // Each site's feed is made before the other site listens: the ports are known only then.
        ListeningPort[] ports = new ListeningPort[2];
        NewsFeed[] feeds = new NewsFeed[2];
        FeedingStorage feedingA = new FeedingStorage(a, List.of(lazyFeed("b.example", reactor, a, ports, 1, feeds, 0)));
        FeedingStorage feedingB = new FeedingStorage(b, List.of(lazyFeed("a.example", reactor, b, ports, 0, feeds, 1)));
        ports[0] = reactor.listenTCP(0, new NntpServerFactory(feedingA, reactor).setServerName("a.example"), 50, "127.0.0.1");
        ports[1] = reactor.listenTCP(0, new NntpServerFactory(feedingB, reactor).setServerName("b.example"), 50, "127.0.0.1");

        NNTPClient toA = connect(reactor, ports[0]);
        Coroutine.await(toA.postArticle(article("<from-a@example.com>", "posted on a")));
        Coroutine.await(feeds[0].whenDrained());
        assertThat(new String(Coroutine.await(b.article("<from-a@example.com>")), ISO_8859_1))
                .contains("\r\nPath: b.example!a.example!not-for-mail\r\n", "\r\nXref: b.example local.test:1\r\n");

        NNTPClient toB = connect(reactor, ports[1]);
        Coroutine.await(toB.postArticle(article("<from-b@example.com>", "posted on b")));
        Coroutine.await(feeds[1].whenDrained());
        assertThat(Coroutine.await(a.hasArticle("<from-b@example.com>"))).isTrue();
        Coroutine.await(feeds[0].whenDrained());
        assertThat(feeds[0].sent()).as("a does not feed b's article back to b").isEqualTo(1);
        assertThat(feeds[1].sent()).as("b does not feed a's article back to a").isEqualTo(1);

        Coroutine.await(toA.postArticle(article("<both@example.com>", "posted on a")));
        Coroutine.await(toB.ihave("<both@example.com>", ("Path: elsewhere\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n"
                + new String(article("<both@example.com>", "also on b"), ISO_8859_1)).getBytes(ISO_8859_1))
                .addErrback(failure -> null));
        Coroutine.await(feeds[0].whenDrained());
        Coroutine.await(feeds[1].whenDrained());
        assertThat(feeds[0].sent() + feeds[0].refused()).isEqualTo(2);
        Coroutine.await(toA.quit());
        Coroutine.await(toB.quit());
        Coroutine.await(feeds[0].stop());
        Coroutine.await(feeds[1].stop());
        Coroutine.await(ports[0].stopListening());
        Coroutine.await(ports[1].stopListening());
    }

    @Test
    void aRefusalToTryLaterIsRetriedAfterTheDelay(NioReactor reactor) throws Exception {
        MemoryNewsStorage a = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        MemoryNewsStorage b = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        ListeningPort portB = reactor.listenTCP(0, new NntpServerFactory(new FailingOnce(b), reactor)
                .setServerName("b.example"), 50, "127.0.0.1");
        org.twisted4j.internet.task.Clock retries = new org.twisted4j.internet.task.Clock();
        NewsFeed feed = new NewsFeed("b.example", Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port(portB)), a,
                retries);
        feed.setStreaming(false);
        FeedingStorage feeding = new FeedingStorage(a, List.of(feed));
        Coroutine.await(feeding.store(Article.parse(("Path: a.example!not-for-mail\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n"
                + new String(article("<retry@example.com>", "retried"), ISO_8859_1)).getBytes(ISO_8859_1)), "a.example"));
        Deferred<?> drained = feed.whenDrained();
        while (retries.getDelayedCalls().isEmpty()) {
            Coroutine.await(Tasks.deferLater(reactor, 0));
        }
        assertThat(feed.sent()).isZero();
        retries.advance(NewsFeed.DEFAULT_RETRY_DELAY);
        Coroutine.await(drained);
        assertThat(feed.sent()).isEqualTo(1);
        assertThat(Coroutine.await(b.hasArticle("<retry@example.com>"))).isTrue();
        Coroutine.await(feed.stop());
        Coroutine.await(portB.stopListening());
    }

    @Test
    void aStreamingFeedSendsManyArticlesWithTakethis(NioReactor reactor) throws Exception {
        MemoryNewsStorage a = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        MemoryNewsStorage b = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        ListeningPort portB = reactor.listenTCP(0, new NntpServerFactory(b, reactor).setServerName("b.example"), 50,
                "127.0.0.1");
        NewsFeed feed = new NewsFeed("b.example", Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port(portB)), a,
                reactor);
        FeedingStorage feeding = new FeedingStorage(a, List.of(feed));
        Coroutine.await(b.store(Article.parse(("Path: x\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n"
                + new String(article("<s7@example.com>", "had already"), ISO_8859_1)).getBytes(ISO_8859_1)), "b.example"));
        for (int i = 0; i < 300; i++) {
            Coroutine.await(feeding.store(Article.parse(("Path: a.example!not-for-mail\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n"
                    + new String(article("<s" + i + "@example.com>", "streamed " + i), ISO_8859_1)).getBytes(ISO_8859_1)),
                    "a.example"));
        }
        Coroutine.await(feed.whenDrained());
        assertThat(feed.sent()).isEqualTo(299);
        assertThat(feed.refused()).as("<s7@example.com> was there already").isEqualTo(1);
        assertThat(Coroutine.await(b.overview("local.test", 1, Long.MAX_VALUE))).hasSize(300);
        Coroutine.await(feed.stop());
        Coroutine.await(portB.stopListening());
    }

    private static NewsFeed lazyFeed(String name, NioReactor reactor, NewsStorage source, ListeningPort[] ports, int peer,
            NewsFeed[] feeds, int slot) {
        NewsFeed feed = new NewsFeed(name, protocolFactory -> Endpoints.clientFromString(reactor,
                "tcp:127.0.0.1:" + port(ports[peer])).connect(protocolFactory), source, reactor);
        feeds[slot] = feed;
        return feed;
    }

    /** A storage whose first store fails as a full disk would: the server answers 436 and the feed retries. */
    private static final class FailingOnce extends ForwardingNewsStorage {
        private boolean failed;

        FailingOnce(NewsStorage storage) {
            super(storage);
        }

        @Override
        public Deferred<Map<String, Long>> store(Article article, String server) {
            if (!failed) {
                failed = true;
                return Deferred.fail(new ArticleRejected(ArticleRejected.Reason.STORAGE_FAILED, "Disk full"));
            }
            return storage.store(article, server);
        }
    }
}
