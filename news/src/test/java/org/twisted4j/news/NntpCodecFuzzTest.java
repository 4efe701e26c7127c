package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.StringTransport;

/**
 * Fuzzes the NNTP command parser, the article header parser, ranges and wildmats, and the server as a whole.
 *
 * <p>Invariants: a command line parses to a command whose encoding parses back to it, or fails with 500 or 501
 * only; an article parses to one whose octets parse back to the same fields and body, or fails with
 * {@link ArticleFormatException} only; a range writes back as itself or fails with 501; a wildmat parses or
 * fails with 501 and then matches without throwing; the server answers any bytes, however split, without an
 * exception escaping (AUTHINFO included), and each answer it starts is a three-digit status line; a COMPRESS
 * DEFLATE write inflates back to itself, and any stream inflates to at most the limit or fails with
 * {@code DataFormatException} only.
 */
class NntpCodecFuzzTest {

    @FuzzTest
    void commandsParseOrFailWith500Or501(FuzzedDataProvider data) {
        int maxLength = data.consumeInt(1, 600);
        byte[] line = data.consumeRemainingAsBytes();
        try {
            NntpCommand command = NntpCommand.parse(line, maxLength);
            assertThat(command.keyword().length()).isBetween(1, NntpCommand.MAX_KEYWORD);
            assertThat(line.length).isLessThanOrEqualTo(maxLength);
            assertThat(NntpCommand.parse(command.encode().getBytes(UTF_8), Integer.MAX_VALUE)).isEqualTo(command);
        } catch (NntpSyntaxException e) {
            assertThat(e.replyCode()).isIn(500, 501);
        }
    }

    @FuzzTest
    void articlesParseOrFailAndWriteBack(FuzzedDataProvider data) {
        byte[] raw = data.consumeRemainingAsBytes();
        Article article;
        try {
            article = Article.parse(raw);
        } catch (ArticleFormatException e) {
            return;
        }
        assertThat(article.headers()).isNotEmpty();
        assertThat(article.body().length).isLessThanOrEqualTo(raw.length);
        try {
            Article again = Article.parse(article.toBytes());
            assertThat(again.headers()).isEqualTo(article.headers());
            assertThat(again.body()).isEqualTo(article.body());
        } catch (ArticleFormatException e) {
            throw new AssertionError("a parsed article did not parse back: " + article, e);
        }
        OverviewEntry entry = OverviewEntry.of(1, article, java.time.Instant.EPOCH);
        assertThat(entry.overLine().split("\t", -1)).hasSize(9);
    }

    @FuzzTest
    void rangesAndWildmatsParseOrFailWith501(FuzzedDataProvider data) {
        String name = data.consumeString(40);
        String text = data.consumeRemainingAsString();
        try {
            ArticleRange range = ArticleRange.parse(text);
            assertThat(range.low()).isPositive();
            assertThat(ArticleRange.parse(range.encode())).isEqualTo(range);
        } catch (NntpSyntaxException e) {
            assertThat(e.replyCode()).isEqualTo(501);
        }
        try {
            Wildmat.parse(text).matches(name);
        } catch (NntpSyntaxException e) {
            assertThat(e.replyCode()).isEqualTo(501);
        }
    }

    @FuzzTest
    void serverAnswersAnyInputHoweverSplit(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 6)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        byte[] input = data.consumeRemainingAsBytes();
        Clock clock = new Clock();
        MemoryNewsStorage storage = new MemoryNewsStorage(WallClock.of(clock))
                .addGroup("local.test", PostingStatus.ALLOWED, "", null)
                .addGroup("local.moderated", PostingStatus.MODERATED, "", "mod@example.com");
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        users.addUser("alice", "secret");
        NntpServerFactory factory = new NntpServerFactory(storage, clock).setWallClock(WallClock.of(clock))
                .setServerName("news.example.com").setMaxArticleSize(2000).setMaxArticleLine(600)
                .setPortal(new Portal(new NewsRealm(storage), users));
        StringTransport transport = new StringTransport();
        NntpServer server = (NntpServer) factory.buildProtocol(StringTransport.DEFAULT_PEER);
        server.makeConnection(transport);
        int from = 0;
        for (int cut : Arrays.stream(cuts).map(c -> Math.min(c, input.length)).sorted().toArray()) {
            server.dataReceived(ByteBuffer.wrap(Arrays.copyOfRange(input, from, Math.max(from, cut))));
            from = Math.max(from, cut);
        }
        server.dataReceived(ByteBuffer.wrap(Arrays.copyOfRange(input, from, input.length)));
        String output = transport.valueAsString(ISO_8859_1);
        assertThat(output).matches("(?s)[1-5][0-9][0-9] .*");
        assertThat(output).endsWith("\r\n");
    }

    @FuzzTest
    void compressedStreamsInflateWithinTheLimitOrFail(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 100_000);
        byte[] text = data.consumeBytes(2000);
        byte[] stream = data.consumeRemainingAsBytes();
        DeflateLayer sender = new DeflateLayer(limit);
        DeflateLayer receiver = new DeflateLayer(Math.max(limit, text.length));
        try {
            ByteBuffer packed = sender.deflate(java.util.List.of(ByteBuffer.wrap(text)));
            ByteBuffer unpacked = receiver.inflate(packed);
            byte[] back = new byte[unpacked.remaining()];
            unpacked.get(back);
            assertThat(back).isEqualTo(text);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError("a deflated write did not inflate back", e);
        } finally {
            sender.end();
            receiver.end();
        }
        DeflateLayer any = new DeflateLayer(limit);
        try {
            assertThat(any.inflate(ByteBuffer.wrap(stream)).remaining()).isLessThanOrEqualTo(limit);
        } catch (java.util.zip.DataFormatException e) {
            // Not DEFLATE, ended, or over the limit: the session drops the connection.
        } finally {
            any.end();
        }
    }
}
