package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.web.Splits;

/**
 * Fuzzes the server side of an HTTP/2 connection: after a valid client preface, arbitrary octets as the client's
 * frames, under settings and abuse limits from the fuzz data, with an application that answers each complete
 * request with a body of a fuzzed size and consumes request bodies or holds on to them. Besides the checks of
 * {@link ConnectionFuzzer} on what the connection writes (well-formed, within the client's windows and frame
 * size, GOAWAY with the right code on a protocol error, then closed), asserted after every frame:
 * <ul>
 *   <li>no exception escapes into the transport (the reactor);
 *   <li>the streams open never exceed our SETTINGS_MAX_CONCURRENT_STREAMS, each stream's unconsumed body never
 *       exceeds its receive window and all of them never exceed the connection's;
 *   <li>stream identifiers the application sees are odd and increasing, and no stream event comes after the
 *       stream ended or was reset; once the connection is lost, no stream is left open.
 * </ul>
 */
class Http2ConnectionFuzzTest {

    @FuzzTest
    void serverAnswersAnyFramesWithinItsLimits(FuzzedDataProvider data) {
        Http2Settings settings = ConnectionFuzzer.settings(data::consumeInt);
        AbuseLimits limits = ConnectionFuzzer.limits(data::consumeInt);
        App app = new App(data.consumeBoolean(), data.consumeInt(0, 1 << 17));
        long tickMillis = data.consumeInt(0, 2000);
        Splits splits = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();

        H2Peer peer = new H2Peer(app, settings, limits);
        ConnectionFuzzer fuzzer = new ConnectionFuzzer(peer, settings.maxFrameSize(), splits, tickMillis);
        fuzzer.checkWritten();
        peer.send(ByteBuffer.wrap(H2Peer.PREFACE));
        fuzzer.feed(input, () -> app.assertWithinLimits(peer.connection, settings));
        peer.connection.connectionLost(new Failure(new ConnectionDone("the fuzz input ended")));
        assertThat(peer.connection.activeStreams()).isZero();
        app.assertNoneOpen();
    }

    /** Answers each complete request, and keeps count of the request body octets it has not consumed. */
    private static final class App implements Http2StreamHandler.Factory {
        private final boolean consume;
        private final int responseSize;
        private final Map<Integer, Exchange> exchanges = new LinkedHashMap<>();
        private int lastId;

        App(boolean consume, int responseSize) {
            this.consume = consume;
            this.responseSize = responseSize;
        }

        @Override
        public Http2StreamHandler newStream(Http2Stream stream) {
            assertThat(stream.id() % 2).isOne();
            assertThat(stream.id()).isGreaterThan(lastId);
            lastId = stream.id();
            Exchange exchange = new Exchange(stream);
            exchanges.put(stream.id(), exchange);
            return exchange;
        }

        void assertWithinLimits(Http2Connection connection, Http2Settings settings) {
            assertThat(connection.activeStreams()).isLessThanOrEqualTo(settings.maxConcurrentStreams());
            long held = 0;
            for (Exchange exchange : exchanges.values()) {
                if (exchange.stream.isOpen()) {
                    assertThat(exchange.unconsumed).isLessThanOrEqualTo(
                            Math.max(settings.initialWindowSize(), Http2Settings.DEFAULT_WINDOW));
                    held += exchange.unconsumed;
                }
            }
            assertThat(held).isLessThanOrEqualTo(settings.connectionWindowSize());
        }

        void assertNoneOpen() {
            for (Exchange exchange : exchanges.values()) {
                assertThat(exchange.stream.isOpen()).as("stream %d", exchange.stream.id()).isFalse();
            }
        }

        private final class Exchange implements Http2StreamHandler {
            final Http2Stream stream;
            int unconsumed;
            boolean ended;
            boolean reset;

            Exchange(Http2Stream stream) {
                this.stream = stream;
            }

            @Override
            public void dataReceived(ByteBuffer data) {
                assertThat(ended || reset).isFalse();
                int octets = data.remaining();
                if (consume) {
                    stream.consumed(octets);
                } else {
                    unconsumed += octets;
                }
            }

            @Override
            public void trailersReceived(List<HeaderField> trailers) {
                assertThat(ended || reset).isFalse();
            }

            @Override
            public void endOfStream() {
                assertThat(ended || reset).isFalse();
                ended = true;
                stream.sendHeaders(List.of(new HeaderField(":status", "200")), responseSize == 0);
                if (responseSize > 0) {
                    stream.sendData(ByteBuffer.allocate(responseSize), true);
                }
            }

            @Override
            public void reset(ErrorCode code) {
                assertThat(reset).isFalse();
                reset = true;
            }
        }
    }
}
