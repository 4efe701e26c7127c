package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.web.Headers;
import org.twisted4j.web.client.FakeEndpoints.Conn;

/** The client protocol through an Agent on in-memory connections: request bytes, response framing, flow. */
class HTTP11ClientProtocolTest {

    /** A body producer the test drives by hand. */
    static final class ManualProducer implements BodyProducer {
        final long length;
        final List<String> calls = new ArrayList<>();
        @Nullable Consumer<ByteBuffer> consumer;
        final Deferred<@Nullable Void> done = new Deferred<>();

        ManualProducer(long length) {
            this.length = length;
        }

        void write(String text) {
            consumer.accept(ByteBuffer.wrap(text.getBytes(ISO_8859_1)));
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public Deferred<@Nullable Void> startProducing(Consumer<ByteBuffer> consumer) {
            this.consumer = consumer;
            calls.add("start");
            return done;
        }

        @Override
        public void pauseProducing() {
            calls.add("pause");
        }

        @Override
        public void resumeProducing() {
            calls.add("resume");
        }

        @Override
        public void stopProducing() {
            calls.add("stop");
        }
    }

    final Clock clock = new Clock();
    final FakeEndpoints endpoints = new FakeEndpoints();
    HttpAgent agent = Agent.usingEndpointFactory(clock, endpoints).build();

    Outcome<Response> get(String uri) {
        return Outcome.of(agent.request("GET", URI.create(uri), null, null));
    }

    static final String OK_HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    // ---- what is sent

    @Test
    void getSendsPathQueryAndHostExactly() {
        get("http://example.com/a%20b/c?x=1&y=%2F");
        assertThat(endpoints.last().take()).isEqualTo("GET /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: example.com\r\n\r\n");
    }

    @Test
    void hostCarriesAPortThatIsNotTheSchemesDefaultAndAnEmptyPathIsSlash() {
        get("http://example.com:8080");
        assertThat(endpoints.last().take()).isEqualTo("GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
        get("https://[::1]:443/x");
        assertThat(endpoints.last().take()).isEqualTo("GET /x HTTP/1.1\r\nHost: [::1]\r\n\r\n");
    }

    @Test
    void callersFieldsGoAsGivenButFramingIsTheAgentsAndUserAgentIsAddedWhenConfigured() {
        agent = Agent.usingEndpointFactory(clock, endpoints).userAgent("t4j/1").build();
        Headers headers = new Headers();
        headers.add("Accept", "text/plain");
        headers.add("Content-Length", "99");
        headers.add("Host", "other.example");
        agent.request("PUT", URI.create("http://example.com/f"), headers, BytesBodyProducer.of("abc".getBytes(ISO_8859_1)));
        assertThat(endpoints.last().take()).isEqualTo("PUT /f HTTP/1.1\r\nAccept: text/plain\r\nHost: other.example\r\n"
                + "User-Agent: t4j/1\r\nContent-Length: 3\r\n\r\nabc");
    }

    @Test
    void postWithoutBodySendsZeroLength() {
        agent.request("POST", URI.create("http://example.com/"), null, null);
        assertThat(endpoints.last().take()).isEqualTo("POST / HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void badUrisAndMethodsAreRefused() {
        assertThatThrownBy(() -> agent.request("GET", URI.create("ftp://example.com/"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agent.request("GET", URI.create("/relative"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agent.request("G T", URI.create("http://example.com/"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bodyOfUnknownLengthIsSentChunkedAsItIsProduced() {
        ManualProducer body = new ManualProducer(BodyProducer.UNKNOWN_LENGTH);
        Outcome<Response> response = Outcome.of(agent.request("POST", URI.create("http://h/up"), null, body));
        Conn conn = endpoints.last();
        assertThat(conn.take()).isEqualTo("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
        body.write("hello, ");
        body.write("");
        body.write("0123456789abcdefg");
        assertThat(conn.take()).isEqualTo("7\r\nhello, \r\n11\r\n0123456789abcdefg\r\n");
        body.done.callback(null);
        assertThat(conn.take()).isEqualTo("0\r\n\r\n");
        conn.answer("HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(response.value().code()).isEqualTo(204);
    }

    @Test
    void theTransportsBackPressureReachesTheBodyProducer() {
        ManualProducer body = new ManualProducer(10);
        agent.request("PUT", URI.create("http://h/"), null, body);
        Conn conn = endpoints.last();
        PushProducer registered = (PushProducer) conn.transport.producer();
        assertThat(registered).isNotNull();
        assertThat(conn.transport.isStreaming()).isTrue();
        registered.pauseProducing();
        registered.resumeProducing();
        assertThat(body.calls).containsExactly("start", "pause", "resume");
        body.write("0123456789");
        body.done.callback(null);
        assertThat(conn.transport.producer()).isNull();
    }

    @Test
    void aBodyOfTheWrongLengthFailsTheRequestAndAbortsTheConnection() {
        ManualProducer body = new ManualProducer(10);
        Outcome<Response> response = Outcome.of(agent.request("PUT", URI.create("http://h/"), null, body));
        body.write("short");
        body.done.callback(null);
        assertThat(response.failure()).isInstanceOf(RequestTransmissionFailed.class)
                .hasMessageContaining("wrote 5 bytes, not its length of 10");
        assertThat(endpoints.last().transport.isAborted()).isTrue();

        ManualProducer tooLong = new ManualProducer(2);
        Outcome<Response> second = Outcome.of(agent.request("PUT", URI.create("http://h/"), null, tooLong));
        tooLong.write("abc");
        assertThat(second.failure()).isInstanceOf(RequestTransmissionFailed.class);
        assertThat(tooLong.calls).contains("stop");
    }

    @Test
    void aFailingProducerFailsTheRequest() {
        ManualProducer body = new ManualProducer(10);
        Outcome<Response> response = Outcome.of(agent.request("PUT", URI.create("http://h/"), null, body));
        body.done.errback(new IllegalStateException("disk on fire"));
        assertThat(response.failure()).isInstanceOf(RequestTransmissionFailed.class)
                .hasRootCauseMessage("disk on fire");
        assertThat(endpoints.last().transport.isAborted()).isTrue();
    }

    @Test
    void aResponseBeforeTheWholeBodyStopsTheProducerAndClosesTheConnection() {
        ManualProducer body = new ManualProducer(10);
        Outcome<Response> response = Outcome.of(agent.request("PUT", URI.create("http://h/"), null, body));
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 413 Too Large\r\nContent-Length: 0\r\n\r\n");
        assertThat(response.value().code()).isEqualTo(413);
        assertThat(body.calls).containsExactly("start", "stop");
        assertThat(conn.transport.isDisconnecting()).isTrue();
    }

    @Test
    void anEarlySuccessLetsTheBodyGoOnAndTheConnectionIsKeptOnceItIsSent() {
        ManualProducer body = new ManualProducer(4);
        Outcome<Response> response = Outcome.of(agent.request("PUT", URI.create("http://h/"), null, body));
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 204 No Content\r\n\r\n");
        Outcome<byte[]> read = Outcome.of(response.value().readBody());
        assertThat(read.fired()).isFalse();
        body.write("data");
        body.done.callback(null);
        assertThat(read.value()).isEmpty();
        assertThat(body.calls).containsExactly("start");
        assertThat(conn.transport.isDisconnecting()).isFalse();
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isEqualTo(1);
    }

    // ---- what comes back

    @Test
    void aContentLengthBodyIsReadAndTheConnectionIsKept() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhel");
        Response r = response.value();
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.phrase()).isEqualTo("OK");
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.length()).isEqualTo(5);
        assertThat(r.headers().get("x-a")).isEqualTo("b");
        assertThat(r.requestUri()).isEqualTo(URI.create("http://h/"));
        Outcome<byte[]> body = Outcome.of(r.readBody());
        assertThat(body.fired()).isFalse();
        conn.answer("lo");
        assertThat(new String(body.value(), ISO_8859_1)).isEqualTo("hello");
        assertThat(conn.transport.isDisconnecting()).isFalse();
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isEqualTo(1);
    }

    @Test
    void aChunkedBodyIsUnframed() {
        Outcome<Response> response = get("http://h/");
        endpoints.last().answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\nT: 1\r\n\r\n");
        Response r = response.value();
        assertThat(r.length()).isEqualTo(Response.UNKNOWN_LENGTH);
        assertThat(new String(Outcome.of(r.readBody()).value(), ISO_8859_1)).isEqualTo("hello!");
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isEqualTo(1);
    }

    @Test
    void aBodyUntilCloseFinishesWithTheCloseAndTheConnectionIsNotKept() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.0 200 OK\r\n\r\nsome");
        Outcome<byte[]> body = Outcome.of(response.value().readBody());
        conn.answer(" more");
        assertThat(body.fired()).isFalse();
        conn.closed();
        assertThat(new String(body.value(), ISO_8859_1)).isEqualTo("some more");
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isZero();
    }

    @Test
    void headAnd204And304HaveNoBodyAndKeepTheConnection() {
        Outcome<Response> head = Outcome.of(agent.request("HEAD", URI.create("http://h/"), null, null));
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
        assertThat(Outcome.of(head.value().readBody()).value()).isEmpty();
        for (String status : List.of("204 No Content", "304 Not Modified")) {
            Outcome<Response> response = get("http://h/");
            conn.answer("HTTP/1.1 " + status + "\r\nContent-Length: 7\r\n\r\n");
            assertThat(Outcome.of(response.value().readBody()).value()).isEmpty();
        }
        assertThat(endpoints.connections).hasSize(1);
        assertThat(conn.take()).contains("HEAD / ").contains("GET / ");
    }

    @Test
    void interimResponsesAreSkipped() {
        Outcome<Response> response = get("http://h/");
        endpoints.last().answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s>\r\n\r\n" + OK_HELLO);
        assertThat(response.value().code()).isEqualTo(200);
        assertThat(response.value().headers().contains("Link")).isFalse();
    }

    @Test
    void connectionCloseInTheResponseOrInputAfterItClosesTheConnection() {
        Outcome<Response> response = get("http://h/");
        Conn first = endpoints.last();
        first.answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        assertThat(response.value().code()).isEqualTo(200);
        assertThat(first.transport.isDisconnecting()).isTrue();

        get("http://h/");
        Conn second = endpoints.last();
        assertThat(second).isNotSameAs(first);
        second.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n");
        assertThat(second.transport.isDisconnecting()).isTrue();
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isZero();
    }

    @Test
    void theBodyIsHeldBackWithTheTransportPausedUntilAskedFor() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertThat(conn.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        Outcome.Body body = new Outcome.Body();
        response.value().deliverBody(body);
        assertThat(body.received).hasToString("abc");
        assertThat(conn.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        conn.answer("defghij");
        assertThat(body.received).hasToString("abcdefghij");
        assertThat(body.finished).isTrue();
        assertThatThrownBy(() -> response.value().deliverBody(new Outcome.Body()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pauseBodyPausesTheTransportAndHoldsPiecesUntilResumed() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n");
        Response r = response.value();
        Outcome.Body body = new Outcome.Body();
        r.deliverBody(body);
        conn.answer("ab");
        r.pauseBody();
        assertThat(conn.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        conn.answer("cd"); // already read from the socket when the pause came
        assertThat(body.received).hasToString("ab");
        r.resumeBody();
        assertThat(body.received).hasToString("abcd");
        assertThat(conn.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        r.pauseBody();
        conn.answer("ef"); // the end arrives while paused: the connection is free, the end waits
        assertThat(body.finished).isFalse();
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isEqualTo(1);
        assertThat(conn.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        r.resumeBody();
        assertThat(body.received).hasToString("abcdef");
        assertThat(body.finished).isTrue();
    }

    @Test
    void aReceiverThatThrowsFailsTheBodyAndAbortsTheConnection() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n");
        List<String> events = new ArrayList<>();
        response.value().deliverBody(new org.twisted4j.web.BodyReceiver() {
            @Override
            public void dataReceived(ByteBuffer piece) {
                throw new IllegalStateException("no room");
            }

            @Override
            public void bodyFinished() {
                events.add("finished");
            }

            @Override
            public void bodyFailed(org.twisted4j.defer.Failure reason) {
                events.add("failed: " + reason.value().getMessage());
            }
        });
        conn.answer("abc");
        assertThat(conn.transport.isAborted()).isTrue();
        conn.closed();
        assertThat(events).containsExactly("failed: no room");
    }

    @Test
    void aBodyCutShortFailsWithResponseFailed() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabc");
        Outcome<byte[]> body = Outcome.of(response.value().readBody());
        conn.closed();
        assertThat(body.failure()).isInstanceOf(ResponseFailed.class)
                .hasMessageContaining("before the end of the response body");
    }

    @Test
    void aMalformedResponseFailsTheRequestAndAbortsTheConnection() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(response.failure()).isInstanceOf(ResponseFailed.class).isNotInstanceOf(ResponseNeverReceived.class)
                .hasMessageContaining("Content-Length with Transfer-Encoding");
        assertThat(conn.transport.isAborted()).isTrue();
    }

    @Test
    void aCloseBeforeAnyResponseIsResponseNeverReceived() {
        Outcome<Response> response = get("http://h/");
        endpoints.last().closed();
        assertThat(response.failure()).isInstanceOf(ResponseNeverReceived.class);
        Outcome<Response> second = get("http://h/");
        endpoints.last().answer("HTTP/1.1 200 O");
        endpoints.last().closed();
        assertThat(second.failure()).isInstanceOf(ResponseFailed.class).isNotInstanceOf(ResponseNeverReceived.class);
    }

    // ---- timeouts and cancellation

    @Test
    void theResponseTimeoutAbortsTheConnectionAndFails() {
        agent = Agent.usingEndpointFactory(clock, endpoints).responseTimeout(Duration.ofSeconds(5)).build();
        Outcome<Response> response = get("http://h/");
        clock.advance(4.9);
        assertThat(response.fired()).isFalse();
        clock.advance(0.1);
        assertThat(response.failure()).isInstanceOf(ResponseNeverReceived.class)
                .hasCauseInstanceOf(TimeoutError.class);
        assertThat(endpoints.last().transport.isAborted()).isTrue();
    }

    @Test
    void theResponseTimeoutStopsOnceTheHeadArrives() {
        agent = Agent.usingEndpointFactory(clock, endpoints).responseTimeout(Duration.ofSeconds(5)).build();
        Outcome<Response> response = get("http://h/");
        endpoints.last().answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        clock.advance(60);
        assertThat(response.value().code()).isEqualTo(200);
        assertThat(endpoints.last().transport.isAborted()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void cancellingBeforeTheHeadAbortsTheConnectionWithCancelledError() {
        Deferred<Response> d = agent.request("GET", URI.create("http://h/"), null, null);
        Outcome<Response> response = Outcome.of(d);
        d.cancel();
        assertThat(response.failure()).isInstanceOf(CancelledError.class);
        Conn conn = endpoints.last();
        assertThat(conn.transport.isAborted()).isTrue();
        conn.closed(); // the abort completes: nothing fires twice
        assertThat(((Agent) agent).pool().cachedConnectionCount()).isZero();
    }

    @Test
    void cancellingWhileConnectingStopsTheAttempt() {
        endpoints.hold = true;
        Deferred<Response> d = agent.request("GET", URI.create("http://h/"), null, null);
        Outcome<Response> response = Outcome.of(d);
        d.cancel();
        assertThat(response.failure()).isInstanceOf(CancelledError.class);
        assertThat(endpoints.held.get(0).isCalled()).as("the connection attempt was cancelled").isTrue();
    }

    @Test
    void cancellingAfterTheHeadDoesNothing() {
        Deferred<Response> d = agent.request("GET", URI.create("http://h/"), null, null);
        Outcome<Response> response = Outcome.of(d);
        endpoints.last().answer(OK_HELLO);
        d.cancel();
        assertThat(response.value().code()).isEqualTo(200);
        assertThat(endpoints.last().transport.isAborted()).isFalse();
    }
}
