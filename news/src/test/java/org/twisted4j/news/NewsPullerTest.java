package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

/** Pulling a peer's new articles with NEWNEWS and ARTICLE, on loopback: each comes once. */
@ExtendWith(TrialExtension.class)
class NewsPullerTest {

    private static Article article(String id, String groups) throws ArticleFormatException {
        return Article.parse(("From: a@example.com\r\nNewsgroups: " + groups + "\r\nSubject: s\r\nMessage-ID: " + id
                + "\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\nPath: b.example!not-for-mail\r\n\r\nbody\r\n")
                .getBytes(ISO_8859_1));
    }

    @Test
    void newArticlesArePulledOnceAndOthersSkipped(NioReactor reactor) throws Exception {
        MemoryNewsStorage b = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null)
                .addGroup("local.private", PostingStatus.ALLOWED, "", null);
        MemoryNewsStorage a = new MemoryNewsStorage(Clock.systemUTC()).addGroup("local.test", PostingStatus.ALLOWED, "", null);
        Coroutine.await(b.store(article("<1@b>", "local.test"), "b.example"));
        Coroutine.await(b.store(article("<2@b>", "local.test"), "b.example"));
        Coroutine.await(b.store(article("<private@b>", "local.private"), "b.example"));
        Coroutine.await(a.store(article("<2@b>", "local.test"), "a.example"));
        ListeningPort port = reactor.listenTCP(0, new NntpServerFactory(b, reactor).setServerName("b.example"), 50,
                "127.0.0.1");
        NewsPuller puller = NewsPuller.from("tcp:127.0.0.1:" + ((IPv4Address) port.getHost()).port(), "local.*", a,
                "a.example", reactor);

        assertThat(Coroutine.await(puller.pullOnce())).as("<2@b> was had; <private@b> is in no group carried").isEqualTo(1);
        assertThat(new String(Coroutine.await(a.article("<1@b>")), ISO_8859_1))
                .contains("\r\nPath: a.example!b.example!not-for-mail\r\n", "\r\nXref: a.example local.test:2\r\n");
        assertThat(Coroutine.await(a.hasArticle("<private@b>"))).isFalse();
        Coroutine.await(b.store(article("<3@b>", "local.test"), "b.example"));
        assertThat(Coroutine.await(puller.pullOnce())).isEqualTo(1);
        assertThat(Coroutine.await(puller.pullOnce())).isZero();
        Coroutine.await(port.stopListening());
    }
}
