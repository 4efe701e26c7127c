package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.news.FileNewsStorageTest.failure;
import static org.twisted4j.news.FileNewsStorageTest.result;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;

/** The client against our server in memory, and against scripted answers on a StringTransport. */
class NNTPClientTest {

    Clock clock;
    MemoryNewsStorage storage;
    NNTPClient client;
    IOPump pump;

    @BeforeEach
    void setUp() {
        clock = new Clock();
        clock.advance(NntpServerTest.NOW);
        storage = new MemoryNewsStorage(WallClock.of(clock)).addGroup("local.test", PostingStatus.ALLOWED, "Tests", null)
                .addGroup("local.other", PostingStatus.NOT_ALLOWED, "Other", null);
        NntpServerFactory factory = new NntpServerFactory(storage, clock).setWallClock(WallClock.of(clock)).setServerName("news.example.com");
        client = new NNTPClient();
        pump = IOPump.connectedLoopback(factory.buildProtocol(StringTransport.DEFAULT_PEER), client);
    }

    <T> T run(Deferred<T> deferred) {
        pump.flush();
        return result(deferred);
    }

    static byte[] article(String id, String subject) {
        return ("From: c@example.com\r\nNewsgroups: local.test\r\nSubject: " + subject + "\r\nMessage-ID: " + id
                + "\r\n\r\n.starts with a dot\r\nend\r\n").getBytes(ISO_8859_1);
    }

    @Test
    void readsPostsAndWalksAGroup() {
        assertThat(run(client.greeting()).postingAllowed()).isTrue();
        assertThat(run(client.capabilities())).contains("VERSION 2", "READER", "OVER MSGID");
        assertThat(run(client.modeReader())).isTrue();
        assertThat(run(client.postArticle(article("<1@c>", "one")))).isNull();
        assertThat(run(client.postArticle(article("<2@c>", "two")))).isNull();
        assertThat(run(client.fetchGroups())).containsExactly(new NNTPClient.GroupListing("local.other", 0, 1, "n"),
                new NNTPClient.GroupListing("local.test", 2, 1, "y"));
        assertThat(run(client.fetchDescriptions())).isEqualTo(Map.of("local.other", "Other", "local.test", "Tests"));
        assertThat(run(client.fetchGroup("local.test"))).isEqualTo(new NNTPClient.GroupInfo(2, 1, 2, "local.test"));
        assertThat(run(client.listGroup("local.test", new ArticleRange(1, Long.MAX_VALUE)))).containsExactly(1L, 2L);
        assertThat(new String(run(client.fetchBody("")), ISO_8859_1)).isEqualTo(".starts with a dot\r\nend\r\n");
        assertThat(new String(run(client.fetchHead("2")), ISO_8859_1)).startsWith("From: c@example.com\r\n")
                .contains("Subject: two\r\n").endsWith("Xref: news.example.com local.test:2\r\n");
        assertThat(new String(run(client.fetchArticle("<1@c>")), ISO_8859_1)).contains("Subject: one\r\n")
                .endsWith("\r\n\r\n.starts with a dot\r\nend\r\n");
        assertThat(run(client.stat("1"))).isEqualTo("<1@c>");
        assertThat(run(client.next())).isEqualTo("<2@c>");
        assertThat(run(client.last())).isEqualTo("<1@c>");
        List<OverviewEntry> overview = run(client.over(new ArticleRange(1, Long.MAX_VALUE)));
        assertThat(overview).extracting(OverviewEntry::subject).containsExactly("one", "two");
        assertThat(overview.get(1).xref()).isEqualTo("news.example.com local.test:2");
        assertThat(overview.get(1).lines()).isEqualTo(2);
        assertThat(run(client.fetchOverview(new ArticleRange(2, 2)))).extracting(OverviewEntry::messageId).containsExactly("<2@c>");
        assertThat(run(client.hdr("Subject", new ArticleRange(1, 2)))).isEqualTo(Map.of(1L, "one", 2L, "two"));
        assertThat(run(client.fetchXHeader("From", new ArticleRange(2, 2)))).isEqualTo(Map.of(2L, "c@example.com"));
        assertThat(run(client.fetchNewNews("local.*", Instant.ofEpochSecond((long) NntpServerTest.NOW))))
                .containsExactly("<1@c>", "<2@c>");
        assertThat(run(client.fetchNewGroups(Instant.ofEpochSecond((long) NntpServerTest.NOW)))).hasSize(2);
        assertThat(run(client.date())).isEqualTo(Instant.ofEpochSecond((long) NntpServerTest.NOW));
        assertThat(run(client.ihave("<3@c>", ("Path: far!x\r\nDate: Mon, 7 Dec 2026 11:00:00 GMT\r\n"
                + new String(article("<3@c>", "three"), ISO_8859_1)).getBytes(ISO_8859_1)))).isNull();
        assertThat(run(client.modeStream())).isNull();
        assertThat(run(client.check("<4@c>"))).isTrue();
        byte[] streamed = ("Path: far!x\r\nDate: Mon, 7 Dec 2026 11:00:00 GMT\r\n"
                + new String(article("<4@c>", "four"), ISO_8859_1)).getBytes(ISO_8859_1);
        assertThat(run(client.takeThis("<4@c>", streamed))).isTrue();
        assertThat(run(client.check("<4@c>"))).isFalse();
        assertThat(run(client.takeThis("<4@c>", streamed))).isFalse();
        assertThat(run(client.quit())).isNull();
    }

    @Test
    void refusalsFailWithTheirCodeAndLaterCommandsStillRun() {
        Deferred<NNTPClient.GroupInfo> missing = client.fetchGroup("no.such");
        Deferred<byte[]> noGroup = client.fetchArticle("1");
        Deferred<@org.jspecify.annotations.Nullable Void> refused = client.postArticle(
                ("From: c@example.com\r\nNewsgroups: local.other\r\nSubject: s\r\n\r\nx\r\n").getBytes(ISO_8859_1));
        Deferred<@org.jspecify.annotations.Nullable Void> duplicate = client.postArticle(article("<1@c>", "one"));
        Deferred<@org.jspecify.annotations.Nullable Void> again = client.postArticle(article("<1@c>", "one"));
        Deferred<Instant> date = client.date();
        pump.flush();
        assertThat(failure(missing)).isInstanceOf(NntpError.class).hasMessage("411 No such newsgroup")
                .extracting(e -> ((NntpError) e).code()).isEqualTo(411);
        assertThat(failure(noGroup)).hasMessage("412 No newsgroup selected");
        assertThat(failure(refused)).hasMessage("441 Posting to local.other is not allowed");
        assertThat(result(duplicate)).isNull();
        assertThat(failure(again)).hasMessage("441 Duplicate article <1@c>");
        assertThat(result(date)).isNotNull();
    }

    @Test
    void aLostConnectionFailsWaitingCommandsAndMalformedAnswersDropIt() {
        StringTransport transport = new StringTransport();
        NNTPClient scripted = new NNTPClient();
        scripted.makeConnection(transport);
        scripted.dataReceived(ByteBuffer.wrap("200 hi\r\n".getBytes(ISO_8859_1)));
        Deferred<NNTPClient.GroupInfo> group = scripted.fetchGroup("a.b");
        Deferred<Instant> date = scripted.date();
        assertThat(transport.valueAsString(ISO_8859_1)).isEqualTo("GROUP a.b\r\n");
        scripted.dataReceived(ByteBuffer.wrap("what?\r\n".getBytes(ISO_8859_1)));
        assertThat(failure(group)).hasMessage("Malformed response: what?");
        assertThat(failure(date)).hasMessage("Malformed response: what?");
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(failure(scripted.quit())).hasMessage("Malformed response: what?");
    }
}
