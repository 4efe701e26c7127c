package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.Protocol;
import org.twisted4j.testing.StringTransport;

class PrefaceWatchTest {

    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    private static String text(ByteBuffer data) {
        return ISO_8859_1.decode(data).toString();
    }

    @Test
    void thePrefaceSplitAnywhereIsRecognisedWithEveryByteKept() {
        String sent = PREFACE + "frames";
        for (int split = 1; split < sent.length(); split++) {
            PrefaceWatch watch = new PrefaceWatch();
            ByteBuffer first = ByteBuffer.wrap(sent.substring(0, split).getBytes(ISO_8859_1));
            ByteBuffer second = ByteBuffer.wrap(sent.substring(split).getBytes(ISO_8859_1));
            PrefaceWatch.Verdict verdict = watch.offer(first);
            ByteBuffer rest = first;
            if (verdict == PrefaceWatch.Verdict.UNDECIDED) {
                assertThat(first.hasRemaining()).isFalse();
                verdict = watch.offer(second);
                rest = second;
            } else {
                rest = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
            }
            assertThat(verdict).as("split at %d", split).isEqualTo(PrefaceWatch.Verdict.HTTP2);
            assertThat(text(watch.received(rest))).isEqualTo(sent);
        }
    }

    @Test
    void anHttp1RequestIsToldAtItsFirstDifferenceAndGivenBackWhole() {
        PrefaceWatch watch = new PrefaceWatch();
        ByteBuffer first = ByteBuffer.wrap("PR".getBytes(ISO_8859_1));
        assertThat(watch.offer(first)).isEqualTo(PrefaceWatch.Verdict.UNDECIDED);
        ByteBuffer second = ByteBuffer.wrap("OPFIND / HTTP/1.1\r\n".getBytes(ISO_8859_1));
        assertThat(watch.offer(second)).isEqualTo(PrefaceWatch.Verdict.HTTP1);
        assertThat(text(watch.received(second))).isEqualTo("PROPFIND / HTTP/1.1\r\n");
    }

    @Test
    void aChannelGivenThePrefaceByteByByteAnswersWithHttp2Settings() {
        Served served = new Served(Served.text("x"));
        for (byte b : PREFACE.getBytes(ISO_8859_1)) {
            served.protocol.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
        byte[] written = served.transport.value();
        assertThat(written.length).isGreaterThanOrEqualTo(9);
        assertThat(written[3]).as("a SETTINGS frame first").isEqualTo((byte) 0x4);
    }

    @Test
    void withHttp2OffThePrefaceIsJustABadHttp1Request() {
        Served served = new Served(Served.text("x"));
        served.site.setHttp2(false);
        StringTransport transport = new StringTransport();
        Protocol channel = served.site.buildProtocol(transport.getPeer());
        channel.makeConnection(transport);
        channel.dataReceived(ByteBuffer.wrap(PREFACE.getBytes(ISO_8859_1)));
        assertThat(transport.valueAsString(ISO_8859_1)).startsWith("HTTP/1.1 ");
    }
}
