package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/** The server, byte for byte, on a StringTransport with a Clock, over the in-memory store. */
class NntpServerTest {

    /** 2026-12-07 12:00:00 UTC. */
    static final double NOW = 1_796_644_800;

    static final String HELLO = """
            From: alice@example.com\r
            Newsgroups: local.test\r
            Subject: hello\r
            Message-ID: <hello@example.com>\r
            \r
            first line\r
            ..dotted line\r
            """;

    Clock clock;
    MemoryNewsStorage storage;
    NntpServerFactory factory;
    StringTransport transport;
    NntpServer server;

    @BeforeEach
    void setUp() {
        clock = new Clock();
        clock.advance(NOW);
        storage = new MemoryNewsStorage(WallClock.of(clock)).addGroup("local.test", PostingStatus.ALLOWED, "Tests", null)
                .addGroup("local.empty", PostingStatus.ALLOWED, "Nothing here", null)
                .addGroup("local.readonly", PostingStatus.NOT_ALLOWED, "Announcements", null)
                .addGroup("local.moderated", PostingStatus.MODERATED, "Moderated", "mod@example.com");
        factory = new NntpServerFactory(storage, clock).setWallClock(WallClock.of(clock)).setServerName("news.example.com");
        connect();
    }

    void connect() {
        transport = new StringTransport();
        server = (NntpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
    }

    String send(String text) {
        transport.clear();
        server.dataReceived(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
        return transport.valueAsString(ISO_8859_1);
    }

    String line(String command) {
        return send(command + "\r\n");
    }

    void post(String article) {
        assertThat(line("POST")).isEqualTo("340 Send article to be posted\r\n");
        assertThat(send(article + ".\r\n")).isEqualTo("240 Article received OK\r\n");
    }

    String article(String id, String subject, String groups) {
        return "From: bob@example.com\r\nNewsgroups: " + groups + "\r\nSubject: " + subject + "\r\nMessage-ID: " + id
                + "\r\n\r\nbody of " + subject + "\r\n";
    }

    @Test
    void greetsAndAnswersModeReaderCapabilitiesDateAndQuit() {
        assertThat(transport.valueAsString(ISO_8859_1)).isEqualTo("200 twisted4j NNTP server ready, posting allowed\r\n");
        assertThat(transport.getTcpNoDelay()).as("streamed answers are not held back by Nagle's algorithm").isTrue();
        assertThat(line("mode reader")).isEqualTo("200 Posting allowed\r\n");
        assertThat(line("CAPABILITIES")).isEqualTo("101 Capability list:\r\nVERSION 2\r\nREADER\r\nPOST\r\nIHAVE\r\nSTREAMING\r\n"
                + "NEWNEWS\r\nHDR\r\nOVER MSGID\r\nLIST ACTIVE ACTIVE.TIMES HEADERS NEWSGROUPS OVERVIEW.FMT\r\n"
                + "COMPRESS DEFLATE\r\nIMPLEMENTATION twisted4j\r\n.\r\n");
        assertThat(line("DATE")).isEqualTo("111 20261207120000\r\n");
        assertThat(line("HELP")).startsWith("100 Help text follows\r\nARTICLE [message-id|number]\r\n").endsWith("\r\n.\r\n");
        assertThat(line("QUIT")).isEqualTo("205 Connection closing\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void withoutPostingTheGreetingIs201AndPostIs440() {
        factory.setPostingAllowed(false);
        connect();
        assertThat(transport.valueAsString(ISO_8859_1)).startsWith("201 ");
        assertThat(line("MODE READER")).isEqualTo("201 Posting prohibited\r\n");
        assertThat(line("POST")).isEqualTo("440 Posting not permitted\r\n");
        assertThat(line("CAPABILITIES")).doesNotContain("POST");
    }

    @Test
    void unknownCommandsAndBadArgumentsGet500And501() {
        assertThat(line("FROB")).isEqualTo("500 Unknown command\r\n");
        assertThat(line("")).isEqualTo("500 Empty command\r\n");
        assertThat(line("GROUP")).isEqualTo("501 Syntax error in GROUP arguments\r\n");
        assertThat(line("MODE FAST")).isEqualTo("501 Unknown MODE variant\r\n");
        assertThat(line("LIST FROB")).isEqualTo("501 Unknown LIST keyword\r\n");
        assertThat(line("GROUP local.test")).startsWith("211 ");
        assertThat(line("ARTICLE 0")).isEqualTo("501 Bad article number: 0\r\n");
        assertThat(line("ARTICLE 99999999999999999999999")).startsWith("501 Bad article number: ");
        assertThat(line("ARTICLE 1-2")).startsWith("501 ");
        assertThat(line("OVER 5-x")).startsWith("501 ");
        assertThat(line("NEWGROUPS 20261301 000000")).startsWith("501 Bad date or time");
        assertThat(line("NEWGROUPS 20261201 000000 PST")).isEqualTo("501 The only time zone is GMT\r\n");
        assertThat(line("NEWNEWS [abc 20261201 000000")).startsWith("501 Bad wildmat");
    }

    @Test
    void anOverlongCommandLineGets500AndTheSessionGoesOn() {
        assertThat(line("GROUP " + "x".repeat(600))).isEqualTo("500 Line too long\r\n");
        factory.setMaxArticleLine(1000);
        connect();
        assertThat(send("GROUP " + "x".repeat(2000) + "\r\nDATE\r\n")).isEqualTo("500 Line too long\r\n111 20261207120000\r\n");
        transport.clear();
        server.dataReceived(ByteBuffer.wrap(("GROUP " + "x".repeat(1500)).getBytes(ISO_8859_1)));
        assertThat(transport.valueAsString(ISO_8859_1)).isEqualTo("500 Line too long\r\n");
        assertThat(send("y".repeat(300) + "\r\nDATE\r\n")).isEqualTo("111 20261207120000\r\n");
    }

    @Test
    void groupSelectionAndNumberedCommandsWithoutAGroup() {
        assertThat(line("ARTICLE")).isEqualTo("412 No newsgroup selected\r\n");
        assertThat(line("ARTICLE 1")).isEqualTo("412 No newsgroup selected\r\n");
        assertThat(line("NEXT")).isEqualTo("412 No newsgroup selected\r\n");
        assertThat(line("OVER 1-")).isEqualTo("412 No newsgroup selected\r\n");
        assertThat(line("LISTGROUP")).isEqualTo("412 No newsgroup selected\r\n");
        assertThat(line("GROUP no.such")).isEqualTo("411 No such newsgroup\r\n");
        assertThat(line("GROUP local.empty")).isEqualTo("211 0 1 0 local.empty\r\n");
        assertThat(line("STAT")).isEqualTo("420 Current article number is invalid\r\n");
        assertThat(line("NEXT")).isEqualTo("420 Current article number is invalid\r\n");
    }

    @Test
    void postedArticlesAreStampedNumberedAndReadBack() {
        post(HELLO);
        assertThat(line("GROUP local.test")).isEqualTo("211 1 1 1 local.test\r\n");
        String article = line("ARTICLE");
        assertThat(article).startsWith("220 1 <hello@example.com>\r\n").endsWith("\r\n\r\nfirst line\r\n..dotted line\r\n.\r\n")
                .contains("\r\nPath: news.example.com!not-for-mail\r\n", "\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n",
                        "\r\nXref: news.example.com local.test:1\r\n");
        assertThat(line("HEAD 1")).startsWith("221 1 <hello@example.com>\r\nFrom: alice@example.com\r\n")
                .endsWith("Xref: news.example.com local.test:1\r\n.\r\n");
        assertThat(line("BODY <hello@example.com>")).isEqualTo("222 0 <hello@example.com>\r\nfirst line\r\n..dotted line\r\n.\r\n");
        assertThat(line("STAT 1")).isEqualTo("223 1 <hello@example.com>\r\n");
        assertThat(line("STAT 2")).isEqualTo("423 No article with that number\r\n");
        assertThat(line("STAT <nosuch@example.com>")).isEqualTo("430 No article with that message-id\r\n");
        assertThat(line("ARTICLE <nosuch>")).isEqualTo("430 No article with that message-id\r\n");
    }

    @Test
    void aPostWithoutMessageIdGetsOneAndCrosspostsAreNumberedPerGroup() {
        post("From: a@example.com\r\nNewsgroups: local.test\r\nSubject: one\r\n\r\nx\r\n");
        post("From: a@example.com\r\nNewsgroups: local.empty, local.test, no.such\r\nSubject: two\r\n\r\ny\r\n");
        assertThat(line("GROUP local.empty")).isEqualTo("211 1 1 1 local.empty\r\n");
        assertThat(line("HEAD")).matches("(?s)221 1 <[0-9a-f]{24}@news\\.example\\.com>\r\n.*"
                + "Xref: news\\.example\\.com local\\.empty:1 local\\.test:2\r\n\\.\r\n");
    }

    @Test
    void badPostsGet441AndTheSessionStaysInStep() {
        assertThat(line("POST")).startsWith("340");
        assertThat(send("Subject: no from\r\nNewsgroups: local.test\r\n\r\nbody\r\n.\r\n"))
                .isEqualTo("441 Missing From field\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send("not a header\r\n\r\nbody\r\n.\r\n")).isEqualTo("441 Not a header field: not a header\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send(article("<x@y>", "s", "no.such") + ".\r\n")).isEqualTo("441 No such newsgroup\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send(article("<x@y>", "s", "local.readonly") + ".\r\n"))
                .isEqualTo("441 Posting to local.readonly is not allowed\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send(article("<x@y>", "s", "local.moderated") + ".\r\n"))
                .isEqualTo("441 local.moderated is moderated; send the article to mod@example.com\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send(article("bad-id", "s", "local.test") + ".\r\n")).isEqualTo("441 Bad Message-ID\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send("Date: yesterday\r\n" + article("<d@y>", "s", "local.test") + ".\r\n"))
                .isEqualTo("441 Bad Date field\r\n");
        post(article("<x@y>", "approved", "local.moderated").replace("Subject:", "Approved: mod@example.com\r\nSubject:"));
        assertThat(line("POST")).startsWith("340");
        assertThat(send(article("<x@y>", "again", "local.test") + ".\r\n")).isEqualTo("441 Duplicate article <x@y>\r\n");
        assertThat(line("DATE")).startsWith("111 ");
    }

    @Test
    void articlesOverTheLimitsAreReadToTheEndAndRefused() {
        factory.setMaxArticleSize(200).setMaxArticleLine(600);
        connect();
        assertThat(line("POST")).startsWith("340");
        assertThat(send(article("<big@y>", "big", "local.test") + "z".repeat(100) + "\r\n" + "z".repeat(100)
                + "\r\n.\r\nDATE\r\n")).isEqualTo("441 Article too large (over 200 octets)\r\n111 20261207120000\r\n");
        assertThat(line("POST")).startsWith("340");
        assertThat(send("From: a@b\r\n" + "z".repeat(700) + "\r\n.\r\n")).isEqualTo("441 Line too long (over 600 octets)\r\n");
        assertThat(line("IHAVE <big@y>")).startsWith("335");
        assertThat(send(article("<big@y>", "big", "local.test") + "z".repeat(300) + "\r\n.\r\n"))
                .isEqualTo("437 Article too large (over 200 octets)\r\n");
        assertThat(line("STAT <big@y>")).isEqualTo("430 No article with that message-id\r\n");
    }

    @Test
    void ihaveTakesNewArticlesAndRefusesDuplicates() {
        String relayed = "Path: far.example!poster\r\nDate: Mon, 7 Dec 2026 11:00:00 GMT\r\n"
                + article("<r@far.example>", "relayed", "local.test");
        assertThat(line("IHAVE <r@far.example>")).isEqualTo("335 Send article to be transferred\r\n");
        assertThat(send(relayed + ".\r\n")).isEqualTo("235 Article transferred OK\r\n");
        assertThat(line("IHAVE <r@far.example>")).isEqualTo("435 Article not wanted\r\n");
        assertThat(line("IHAVE nonsense")).isEqualTo("501 IHAVE takes a message-id\r\n");
        assertThat(line("HEAD <r@far.example>")).contains("\r\nPath: news.example.com!far.example!poster\r\n");
        assertThat(line("IHAVE <other@far.example>")).startsWith("335");
        assertThat(send(relayed + ".\r\n")).isEqualTo("437 Message-ID differs from the one offered\r\n");
        assertThat(line("IHAVE <nogroup@far.example>")).startsWith("335");
        assertThat(send(relayed.replace("<r@far", "<nogroup@far").replace("local.test", "alt.other") + ".\r\n"))
                .isEqualTo("437 No newsgroup of the article is carried here\r\n");
    }

    @Test
    void streamingChecksAndTakesArticles() {
        String relayed = "Path: far.example!poster\r\nDate: Mon, 7 Dec 2026 11:00:00 GMT\r\n"
                + article("<s1@far.example>", "streamed", "local.test");
        assertThat(line("MODE STREAM")).isEqualTo("203 Streaming permitted\r\n");
        assertThat(send("CHECK <s1@far.example>\r\nCHECK bad\r\nTAKETHIS <s1@far.example>\r\n" + relayed
                + ".\r\nCHECK <s1@far.example>\r\nTAKETHIS <s1@far.example>\r\n" + relayed + ".\r\n"))
                .isEqualTo("238 <s1@far.example>\r\n501 CHECK takes a message-id\r\n239 <s1@far.example>\r\n"
                        + "438 <s1@far.example>\r\n439 <s1@far.example> Duplicate article <s1@far.example>\r\n");
        assertThat(send("TAKETHIS nonsense\r\n" + relayed + ".\r\nDATE\r\n"))
                .isEqualTo("439 nonsense Bad message-id\r\n111 20261207120000\r\n");
        assertThat(send("TAKETHIS <s2@far.example>\r\n" + relayed + ".\r\n"))
                .isEqualTo("439 <s2@far.example> Message-ID differs from the one offered\r\n");
        assertThat(line("STAT <s1@far.example>")).isEqualTo("223 0 <s1@far.example>\r\n");
    }

    @Test
    void aReadOfStreamedCommandsIsAnsweredInOneWrite() {
        int[] writes = new int[1];
        transport = new StringTransport() {
            private boolean inSequence;

            @Override
            public void writeSequence(java.util.List<ByteBuffer> data) {
                writes[0]++;
                inSequence = true;
                super.writeSequence(data);
                inSequence = false;
            }

            @Override
            public void write(ByteBuffer data) {
                if (!inSequence) {
                    writes[0]++;
                }
                super.write(data);
            }
        };
        server = (NntpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        assertThat(line("MODE STREAM")).isEqualTo("203 Streaming permitted\r\n");
        StringBuilder commands = new StringBuilder();
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String id = "<w" + i + "@far.example>";
            commands.append("CHECK ").append(id).append("\r\nTAKETHIS ").append(id).append("\r\nPath: far.example!poster\r\nDate: Mon, 7 Dec 2026 11:00:00 GMT\r\n")
                    .append(article(id, "w", "local.test")).append(".\r\n");
            answers.append("238 ").append(id).append("\r\n239 ").append(id).append("\r\n");
        }
        writes[0] = 0;
        assertThat(send(commands.toString())).isEqualTo(answers.toString());
        assertThat(writes[0]).as("writes for 40 answers").isEqualTo(1);
        assertThat(transport.producerState()).as("reading goes on")
                .isEqualTo(org.twisted4j.testing.ProducerState.PRODUCING);
    }

    @Test
    void streamedAnswersKeepTheirOrderWhileTheStorageIsSlow() {
        java.util.ArrayDeque<Runnable> pending = new java.util.ArrayDeque<>();
        NewsStorage slow = new ForwardingNewsStorage(storage) {
            @Override
            public org.twisted4j.defer.Deferred<java.util.Map<String, Long>> store(Article article, String server) {
                org.twisted4j.defer.Deferred<java.util.Map<String, Long>> later = new org.twisted4j.defer.Deferred<>();
                pending.add(() -> storage.store(article, server).chainDeferred(later));
                return later;
            }
        };
        factory = new NntpServerFactory(slow, clock).setWallClock(WallClock.of(clock)).setServerName("news.example.com");
        connect();
        String a = "Path: far.example!poster\r\nDate: Mon, 7 Dec 2026 11:00:00 GMT\r\n" + article("<a@far.example>", "a", "local.test");
        String b = a.replace("<a@far", "<b@far");
        assertThat(line("MODE STREAM")).isEqualTo("203 Streaming permitted\r\n");
        assertThat(send("CHECK <a@far.example>\r\nTAKETHIS <a@far.example>\r\n" + a + ".\r\nTAKETHIS <b@far.example>\r\n" + b
                + ".\r\nCHECK <b@far.example>\r\nCHECK <c@far.example>\r\n"))
                .as("nothing after a TAKETHIS is answered before its article is stored").isEqualTo("238 <a@far.example>\r\n");
        transport.clear();
        pending.remove().run();
        assertThat(transport.valueAsString(ISO_8859_1)).isEqualTo("239 <a@far.example>\r\n");
        transport.clear();
        pending.remove().run();
        assertThat(transport.valueAsString(ISO_8859_1))
                .isEqualTo("239 <b@far.example>\r\n438 <b@far.example>\r\n238 <c@far.example>\r\n");
        assertThat(pending).isEmpty();
    }

    @Test
    void nextLastAndListgroupWalkTheGroup() {
        post(article("<1@x>", "one", "local.test"));
        post(article("<2@x>", "two", "local.test"));
        post(article("<3@x>", "three", "local.test"));
        assertThat(line("LISTGROUP local.test")).isEqualTo("211 3 1 3 local.test list follows\r\n1\r\n2\r\n3\r\n.\r\n");
        assertThat(line("LISTGROUP local.test 2-")).isEqualTo("211 3 1 3 local.test list follows\r\n2\r\n3\r\n.\r\n");
        assertThat(line("LISTGROUP local.test 9-3")).isEqualTo("211 3 1 3 local.test list follows\r\n.\r\n");
        assertThat(line("LAST")).isEqualTo("422 No previous article in this group\r\n");
        assertThat(line("NEXT")).isEqualTo("223 2 <2@x> Article found\r\n");
        assertThat(line("NEXT")).isEqualTo("223 3 <3@x> Article found\r\n");
        assertThat(line("NEXT")).isEqualTo("421 No next article in this group\r\n");
        assertThat(line("LAST")).isEqualTo("223 2 <2@x> Article found\r\n");
        assertThat(line("STAT")).isEqualTo("223 2 <2@x>\r\n");
        assertThat(line("STAT 9223372036854775807")).isEqualTo("423 No article with that number\r\n");
    }

    @Test
    void overAndHdrReadTheOverview() {
        post(article("<1@x>", "one", "local.test"));
        post(article("<2@x>", "two\ttabbed", "local.test").replace("Subject:", "References: <1@x>\r\nSubject:"));
        assertThat(line("GROUP local.test")).startsWith("211 2 1 2");
        assertThat(line("LIST OVERVIEW.FMT")).isEqualTo("215 Order of fields in overview database\r\nSubject:\r\nFrom:\r\n"
                + "Date:\r\nMessage-ID:\r\nReferences:\r\n:bytes\r\n:lines\r\nXref:full\r\n.\r\n");
        String over = line("OVER 1-");
        assertThat(over).startsWith("224 Overview information follows\r\n1\tone\tbob@example.com\t"
                + "Mon, 7 Dec 2026 12:00:00 +0000\t<1@x>\t\t")
                .contains("\r\n2\ttwo tabbed\tbob@example.com\tMon, 7 Dec 2026 12:00:00 +0000\t<2@x>\t<1@x>\t")
                .endsWith("\t1\tXref: news.example.com local.test:2\r\n.\r\n");
        assertThat(line("XOVER 2")).startsWith("224 ").contains("\r\n2\ttwo tabbed\t").doesNotContain("\r\n1\t");
        assertThat(line("OVER")).startsWith("224 Overview information follows\r\n1\tone\t");
        assertThat(line("OVER <2@x>")).startsWith("224 Overview information follows\r\n0\ttwo tabbed\t");
        assertThat(line("OVER 5-9")).isEqualTo("423 No articles in that range\r\n");
        assertThat(line("OVER 9223372036854775807-")).isEqualTo("423 No articles in that range\r\n");
        assertThat(line("OVER <no@x>")).isEqualTo("430 No article with that message-id\r\n");
        assertThat(line("HDR Subject 1-")).isEqualTo("225 Headers follow\r\n1 one\r\n2 two tabbed\r\n.\r\n");
        assertThat(line("HDR :lines 1-")).isEqualTo("225 Headers follow\r\n1 1\r\n2 1\r\n.\r\n");
        assertThat(line("HDR Newsgroups 2")).isEqualTo("225 Headers follow\r\n2 local.test\r\n.\r\n");
        assertThat(line("HDR X-None 1-2")).isEqualTo("225 Headers follow\r\n1 \r\n2 \r\n.\r\n");
        assertThat(line("HDR subject <1@x>")).isEqualTo("225 Headers follow\r\n0 one\r\n.\r\n");
        assertThat(line("XHDR subject <1@x>")).isEqualTo("221 Header follows\r\n<1@x> one\r\n.\r\n");
        assertThat(line("XHDR subject 1-")).isEqualTo("221 Header follows\r\n1 one\r\n2 two tabbed\r\n.\r\n");
        assertThat(line("LIST HEADERS")).isEqualTo("215 Headers and metadata items supported\r\n:\r\n:bytes\r\n:lines\r\n.\r\n");
    }

    @Test
    void listVariantsNewgroupsAndNewnews() {
        factory.setTimeout(0);
        connect();
        post(article("<1@x>", "one", "local.test"));
        clock.advance(3600);
        post(article("<2@x>", "two", "local.test,local.empty"));
        assertThat(line("LIST")).isEqualTo("215 Information follows\r\nlocal.empty 1 1 y\r\nlocal.moderated 0 1 m\r\n"
                + "local.readonly 0 1 n\r\nlocal.test 2 1 y\r\n.\r\n");
        assertThat(line("LIST ACTIVE local.t*")).isEqualTo("215 Information follows\r\nlocal.test 2 1 y\r\n.\r\n");
        assertThat(line("LIST NEWSGROUPS *.empty,local.r*")).isEqualTo("215 Information follows\r\n"
                + "local.empty\tNothing here\r\nlocal.readonly\tAnnouncements\r\n.\r\n");
        assertThat(line("LIST ACTIVE.TIMES local.test")).isEqualTo("215 Information follows\r\n"
                + "local.test 1796644800 news.example.com\r\n.\r\n");
        assertThat(line("NEWGROUPS 20261207 120000 GMT")).startsWith("231 List of new newsgroups follows\r\nlocal.empty");
        assertThat(line("NEWGROUPS 261207 120001")).isEqualTo("231 List of new newsgroups follows\r\n.\r\n");
        assertThat(line("NEWNEWS local.* 20261207 000000 GMT")).isEqualTo("230 List of new articles follows\r\n"
                + "<1@x>\r\n<2@x>\r\n.\r\n");
        assertThat(line("NEWNEWS local.*,!local.test 20261207 000000")).isEqualTo("230 List of new articles follows\r\n"
                + "<2@x>\r\n.\r\n");
        assertThat(line("NEWNEWS * 20261207 123000")).isEqualTo("230 List of new articles follows\r\n<2@x>\r\n.\r\n");
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        assertThat(send("GROUP local.test\r\nDATE\r\nPOST\r\n" + HELLO + ".\r\nSTAT 1\r\nQUIT\r\n"))
                .isEqualTo("211 0 1 0 local.test\r\n111 20261207120000\r\n340 Send article to be posted\r\n"
                        + "240 Article received OK\r\n223 1 <hello@example.com>\r\n205 Connection closing\r\n");
    }

    @Test
    void anArticleSplitAtEveryByteIsReceivedTheSame() {
        String input = "POST\r\n" + HELLO + ".\r\nARTICLE <hello@example.com>\r\n";
        transport.clear();
        for (byte b : input.getBytes(ISO_8859_1)) {
            server.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(transport.valueAsString(ISO_8859_1)).contains("240 Article received OK\r\n220 0 <hello@example.com>\r\n")
                .endsWith("first line\r\n..dotted line\r\n.\r\n");
    }

    @Test
    void anIdleConnectionIsClosedWith400() {
        factory.setTimeout(180);
        connect();
        clock.advance(179);
        assertThat(transport.isDisconnecting()).isFalse();
        line("DATE");
        clock.advance(179);
        assertThat(transport.isDisconnecting()).isFalse();
        transport.clear();
        clock.advance(1);
        assertThat(transport.valueAsString(ISO_8859_1)).isEqualTo("400 Idle timeout, closing connection\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }
}
