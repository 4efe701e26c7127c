package org.twisted4j.conch.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzzes the Telnet stream parser ({@link TelnetParser}).
 *
 * <p>Invariants: only {@link TelnetProtocolException} escapes; the events are the same however the input is cut
 * (at one point chosen by the fuzzer), an error included; no subnegotiation is longer than the limit.
 */
class TelnetParserFuzzTest {

    static final int LIMIT = 64;

    @FuzzTest
    void streamsParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 1 << 16);
        byte[] stream = data.consumeRemainingAsBytes();
        cut = Math.min(cut, stream.length);
        List<String> whole = events(stream, stream.length);
        List<String> split = events(stream, cut);
        assertThat(split).isEqualTo(whole);
        for (String event : whole) {
            if (event.startsWith("SB ")) {
                assertThat(event.length() - event.lastIndexOf(' ') - 1).isLessThanOrEqualTo(2 * LIMIT);
            }
        }
    }

    private static List<String> events(byte[] stream, int cut) {
        TelnetParserTest.Recorder recorder = new TelnetParserTest.Recorder();
        TelnetParser parser = new TelnetParser(recorder).setMaxSubnegotiation(LIMIT);
        try {
            parser.parse(ByteBuffer.wrap(stream, 0, cut));
            parser.parse(ByteBuffer.wrap(stream, cut, stream.length - cut));
        } catch (TelnetProtocolException e) {
            recorder.flush().add("error " + e.getMessage());
        }
        return recorder.flush();
    }
}
