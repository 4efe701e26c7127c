package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.web.Splits;

/**
 * Fuzzes the client side of an HTTP/2 connection: a fuzzed number of requests (GETs, and POSTs with a body of a
 * fuzzed size) sent at once, then arbitrary octets as the server's frames, under settings and abuse limits from
 * the fuzz data, the response bodies consumed or held on to. Besides the checks of {@link ConnectionFuzzer} on what
 * the connection writes (well-formed, within the server's windows and frame size, GOAWAY with the right code on a
 * protocol error, then closed), asserted after every frame:
 * <ul>
 *   <li>no exception escapes into the transport (the reactor);
 *   <li>no more streams are open than requests were made; each stream's unconsumed body never exceeds its receive
 *       window, all of them never exceed the connection's;
 *   <li>each request's handler hears a response head at most once and before any body, the end of the response at
 *       most once, a failure at most once and nothing after it, and a failure after the end of the response only
 *       while its request body was still being sent; once the connection is lost, every request has ended or
 *       failed.
 * </ul>
 */
class Http2ClientConnectionFuzzTest {

    @FuzzTest
    void clientTakesAnyServerFramesWithinItsLimits(FuzzedDataProvider data) {
        Http2Settings settings = ConnectionFuzzer.settings(data::consumeInt);
        AbuseLimits limits = ConnectionFuzzer.limits(data::consumeInt);
        int requests = data.consumeInt(0, 6);
        int bodySize = data.consumeInt(0, 1 << 17);
        boolean consume = data.consumeBoolean();
        long tickMillis = data.consumeInt(0, 2000);
        Splits splits = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();

        H2Server server = new H2Server(settings, limits);
        ConnectionFuzzer fuzzer = new ConnectionFuzzer(server, settings.maxFrameSize(), splits, tickMillis);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            boolean post = i % 2 == 1;
            Exchange exchange = new Exchange(consume, post ? bodySize : -1);
            exchanges.add(exchange);
            server.connection.request(post ? H2Server.post("/" + i, bodySize) : H2Server.get("/" + i), !post,
                    exchange);
        }
        fuzzer.checkWritten();
        fuzzer.feed(input, () -> assertWithinLimits(server.connection, settings, exchanges));
        server.connection.connectionLost(new Failure(new ConnectionDone("the fuzz input ended")));
        assertThat(server.connection.activeStreams()).isZero();
        for (Exchange exchange : exchanges) {
            assertThat(exchange.ended || exchange.failed).isTrue();
        }
    }

    private static void assertWithinLimits(Http2ClientConnection connection, Http2Settings settings,
            List<Exchange> exchanges) {
        assertThat(connection.activeStreams()).isLessThanOrEqualTo(exchanges.size());
        long held = 0;
        for (Exchange exchange : exchanges) {
            Http2Stream stream = exchange.stream;
            if (stream != null && stream.isOpen()) {
                assertThat(exchange.unconsumed).isLessThanOrEqualTo(
                        Math.max(settings.initialWindowSize(), Http2Settings.DEFAULT_WINDOW));
                held += exchange.unconsumed;
            }
        }
        assertThat(held).isLessThanOrEqualTo(settings.connectionWindowSize());
    }

    /** One request: sends its body once started, checks the order of what it hears, counts what it holds. */
    private static final class Exchange implements Http2ResponseHandler {
        private final boolean consume;
        private final int bodySize;
        @Nullable Http2Stream stream;
        boolean responded;
        boolean ended;
        boolean failed;
        int unconsumed;

        /** {@code bodySize} is -1 for a request without a body. */
        Exchange(boolean consume, int bodySize) {
            this.consume = consume;
            this.bodySize = bodySize;
        }

        @Override
        public void started(Http2Stream started) {
            assertThat(stream).isNull();
            stream = started;
            if (bodySize >= 0) {
                started.sendData(ByteBuffer.allocate(bodySize), true);
            }
        }

        @Override
        public void responseReceived(List<HeaderField> headers) {
            assertThat(responded || ended || failed).isFalse();
            responded = true;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            assertThat(responded && !ended && !failed).isTrue();
            Http2Stream current = stream;
            assertThat(current).isNotNull();
            if (consume && current != null) {
                current.consumed(data.remaining());
            } else {
                unconsumed += data.remaining();
            }
        }

        @Override
        public void trailersReceived(List<HeaderField> trailers) {
            assertThat(responded && !ended && !failed).isTrue();
        }

        @Override
        public void endOfStream() {
            assertThat(responded && !ended && !failed).isTrue();
            ended = true;
        }

        @Override
        public void failed(ErrorCode code, String reason, boolean unprocessed) {
            assertThat(failed).isFalse();
            if (ended) {
                assertThat(bodySize).as("failed after the response, with no request body going").isNotNegative();
            }
            failed = true;
        }
    }
}
