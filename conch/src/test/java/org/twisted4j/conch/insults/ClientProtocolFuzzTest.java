package org.twisted4j.conch.insults;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes the VT102 stream parser ({@link ClientProtocol}) and the screen it draws on ({@link TerminalBuffer}).
 *
 * <p>Invariants: nothing is thrown; the calls are the same however the stream is cut (at one point chosen by the
 * fuzzer); no unhandled sequence is longer than {@link ClientProtocol#MAX_SEQUENCE}; no count or parameter is
 * outside 0 to {@link ClientProtocol#MAX_PARAMETER}, none has more than {@link ClientProtocol#MAX_PARAMETERS}
 * values; the screen's cursor stays on the screen.
 */
class ClientProtocolFuzzTest {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    @FuzzTest
    void streamsParseTheSameHoweverSplit(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 1 << 16);
        byte[] input = data.consumeRemainingAsBytes();
        cut = Math.min(cut, input.length);
        List<String> whole = calls(input, input.length);
        assertThat(calls(input, cut)).isEqualTo(whole);
        for (String call : whole) {
            if (call.startsWith("unhandled ")) {
                assertThat(call.replace("ESC", "\u001b").length())
                        .isLessThanOrEqualTo("unhandled ".length() + ClientProtocol.MAX_SEQUENCE);
            } else if (!call.startsWith("text ") && !call.startsWith("charset ")) {
                Matcher numbers = NUMBER.matcher(call);
                int count = 0;
                while (numbers.find()) {
                    int value = Integer.parseInt(numbers.group());
                    count++;
                    assertThat(value).isBetween(call.startsWith("scrollRegion") ? -1 : 0, ClientProtocol.MAX_PARAMETER);
                }
                assertThat(count).isLessThanOrEqualTo(ClientProtocol.MAX_PARAMETERS);
            }
        }
        TerminalBuffer screen = new TerminalBuffer(20, 5);
        screen.write(ByteBuffer.wrap(input, 0, cut));
        screen.write(ByteBuffer.wrap(input, cut, input.length - cut));
        assertThat(screen.cursorColumn()).isBetween(0, 19);
        assertThat(screen.cursorRow()).isBetween(0, 4);
        assertThat(screen.screen().lines().count()).isLessThanOrEqualTo(5);
    }

    private static List<String> calls(byte[] input, int cut) {
        RecordingDisplay display = new RecordingDisplay();
        ClientProtocol client = new ClientProtocol(display);
        client.dataReceived(ByteBuffer.wrap(input, 0, cut));
        client.dataReceived(ByteBuffer.wrap(input, cut, input.length - cut));
        return display.calls;
    }
}
