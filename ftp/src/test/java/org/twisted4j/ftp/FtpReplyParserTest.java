package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtpReplyParserTest {

    private static List<FtpReply> parse(String wire) throws FtpSyntaxException {
        return new FtpReplyParser().feed(ByteBuffer.wrap(wire.getBytes(UTF_8)));
    }

    @Test
    void singleAndMultiLineReplies() throws Exception {
        assertThat(parse("220 ready\r\n211-Features:\r\n MDTM\r\n SIZE\r\n211 End\r\n230 ok\n")).containsExactly(
                FtpReply.of(220, "ready"), new FtpReply(211, List.of("Features:", "MDTM", "SIZE", "End")),
                FtpReply.of(230, "ok"));
    }

    @Test
    void replySplitAtEveryByteParsesTheSame() throws Exception {
        byte[] wire = "150-a\r\n150 b\r\n226 done\r\n".getBytes(UTF_8);
        FtpReplyParser parser = new FtpReplyParser();
        List<FtpReply> replies = new ArrayList<>();
        for (byte b : wire) {
            replies.addAll(parser.feed(ByteBuffer.wrap(new byte[] {b})));
        }
        assertThat(replies).containsExactly(new FtpReply(150, List.of("a", "b")), FtpReply.of(226, "done"));
    }

    @Test
    void middleLinesThatLookLikeAnEndAreIndentedAndComeBack() throws Exception {
        FtpReply reply = new FtpReply(211, List.of("status", "211 not the end", " spaced", "end"));
        assertThat(new String(reply.encode(), UTF_8)).isEqualTo("211-status\r\n 211 not the end\r\n  spaced\r\n211 end\r\n");
        assertThat(new FtpReplyParser().feed(ByteBuffer.wrap(reply.encode()))).containsExactly(reply);
    }

    @Test
    void garbageAndOverlongLinesBreakTheParser() {
        assertThatThrownBy(() -> parse("hello\r\n")).isInstanceOf(FtpSyntaxException.class);
        FtpReplyParser parser = new FtpReplyParser();
        parser.setMaxLineLength(10);
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap("200 ".concat("x".repeat(100)).getBytes(UTF_8))))
                .isInstanceOf(FtpSyntaxException.class);
        assertThat(parser.buffered()).isZero();
        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap("200 ok\r\n".getBytes(UTF_8))))
                .isInstanceOf(FtpSyntaxException.class);
    }
}
