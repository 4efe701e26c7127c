package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.web.client.FakeEndpoints.Conn;

/** Connection reuse, limits, expiry and stale-connection retries, on in-memory connections. */
class HTTPConnectionPoolTest {

    static final String GET = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    final Clock clock = new Clock();
    final FakeEndpoints endpoints = new FakeEndpoints();
    HTTPConnectionPool pool = HTTPConnectionPool.create(clock);
    HttpAgent agent = Agent.usingEndpointFactory(clock, endpoints).pool(pool).build();

    Outcome<Response> get(String uri) {
        return Outcome.of(agent.request("GET", URI.create(uri), null, null));
    }

    /** Sends a GET to http://h/ and answers it on the connection it went out on. */
    Conn exchange() {
        Outcome<Response> response = get("http://h/");
        Conn conn = endpoints.last();
        conn.answer(OK);
        assertThat(new String(Outcome.of(response.value().readBody()).value(), ISO_8859_1)).isEqualTo("ok");
        return conn;
    }

    @Test
    void aSecondRequestReusesTheConnectionOnceTheFirstResponseIsRead() {
        Conn first = exchange();
        assertThat(first.take()).isEqualTo(GET);
        Outcome<Response> second = get("http://h/");
        assertThat(endpoints.connections).hasSize(1);
        assertThat(first.take()).isEqualTo(GET);
        first.answer(OK);
        assertThat(second.value().code()).isEqualTo(200);
    }

    @Test
    void aConnectionWhoseBodyIsUnreadIsNotReused() {
        Outcome<Response> first = get("http://h/");
        endpoints.last().answer("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npart");
        assertThat(first.value().code()).isEqualTo(200);
        get("http://h/");
        assertThat(endpoints.connections).hasSize(2);
    }

    @Test
    void connectionsAreKeptPerSchemeHostAndPort() {
        exchange();
        get("http://h:81/");
        get("https://h/");
        get("http://other/");
        assertThat(endpoints.connections).hasSize(4);
        assertThat(endpoints.connections.get(2).uri).isEqualTo(URI.create("https://h/"));
    }

    @Test
    void anIdleConnectionIsClosedAfterTheCachedConnectionTimeout() {
        Conn conn = exchange();
        clock.advance(239);
        assertThat(conn.transport.isDisconnecting()).isFalse();
        clock.advance(1);
        assertThat(conn.transport.isDisconnecting()).isTrue();
        conn.closed();
        assertThat(pool.cachedConnectionCount()).isZero();
        get("http://h/");
        assertThat(endpoints.connections).hasSize(2);
    }

    @Test
    void aReusedConnectionGetsAFreshIdleTimer() {
        pool = HTTPConnectionPool.builder(clock).cachedConnectionTimeout(Duration.ofSeconds(10)).build();
        agent = Agent.usingEndpointFactory(clock, endpoints).pool(pool).build();
        Conn conn = exchange();
        clock.advance(8);
        exchange();
        clock.advance(8);
        assertThat(conn.transport.isDisconnecting()).isFalse();
        clock.advance(2);
        assertThat(conn.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aServerClosingAnIdleConnectionTakesItOutOfThePool() {
        Conn conn = exchange();
        conn.closed();
        assertThat(pool.cachedConnectionCount()).isZero();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void atMostMaxPersistentPerHostIdleConnectionsAreKept() {
        Outcome<Response> a = get("http://h/");
        Outcome<Response> b = get("http://h/");
        Outcome<Response> c = get("http://h/");
        assertThat(endpoints.connections).hasSize(3);
        for (Conn conn : endpoints.connections) {
            conn.answer("HTTP/1.1 204 No Content\r\n\r\n");
        }
        assertThat(a.value().code() + b.value().code() + c.value().code()).isEqualTo(3 * 204);
        assertThat(pool.cachedConnectionCount()).isEqualTo(2);
        assertThat(endpoints.connections.get(0).transport.isDisconnecting()).as("the oldest is closed").isTrue();
    }

    @Test
    void aNonPersistentPoolAsksForCloseAndKeepsNothing() {
        pool = HTTPConnectionPool.builder(clock).persistent(false).build();
        agent = Agent.usingEndpointFactory(clock, endpoints).pool(pool).build();
        Conn conn = endpoints.connections.isEmpty() ? null : endpoints.last();
        assertThat(conn).isNull();
        Outcome<Response> response = get("http://h/");
        conn = endpoints.last();
        assertThat(conn.take()).isEqualTo("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        conn.answer(OK);
        Outcome.of(response.value().readBody()).value();
        assertThat(conn.transport.isDisconnecting()).isTrue();
        assertThat(pool.cachedConnectionCount()).isZero();
    }

    @Test
    void anIdempotentRequestOnAStaleConnectionIsSentOnceMoreOnANewOne() {
        Conn stale = exchange();
        stale.take();
        Outcome<Response> response = get("http://h/x");
        assertThat(stale.take()).isEqualTo("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
        stale.protocol.connectionLost(new Failure(new ConnectionLost("reset")));
        assertThat(endpoints.connections).hasSize(2);
        Conn fresh = endpoints.last();
        assertThat(fresh.take()).isEqualTo("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
        fresh.answer(OK);
        assertThat(response.value().code()).isEqualTo(200);
    }

    @Test
    void aReplayableBodyIsSentAgainOnRetry() {
        exchange();
        Outcome<Response> response = Outcome.of(agent.request("PUT", URI.create("http://h/f"), null,
                BytesBodyProducer.of("data".getBytes(ISO_8859_1))));
        endpoints.last().closed();
        assertThat(endpoints.connections).hasSize(2);
        assertThat(endpoints.last().take()).endsWith("Content-Length: 4\r\n\r\ndata");
        endpoints.last().answer(OK);
        assertThat(response.value().code()).isEqualTo(200);
    }

    @Test
    void aPostOnAStaleConnectionIsNotRetried() {
        exchange();
        Outcome<Response> response = Outcome.of(agent.request("POST", URI.create("http://h/"), null, null));
        endpoints.last().closed();
        assertThat(response.failure()).isInstanceOf(ResponseNeverReceived.class);
        assertThat(endpoints.connections).hasSize(1);
    }

    @Test
    void noRetryWhenRetryAutomaticallyIsOffOrTheConnectionWasNew() {
        Outcome<Response> fresh = get("http://h/");
        endpoints.last().closed();
        assertThat(fresh.failure()).isInstanceOf(ResponseNeverReceived.class);
        assertThat(endpoints.connections).hasSize(1);

        pool = HTTPConnectionPool.builder(clock).retryAutomatically(false).build();
        agent = Agent.usingEndpointFactory(clock, endpoints).pool(pool).build();
        exchange();
        Outcome<Response> reused = get("http://h/");
        endpoints.last().closed();
        assertThat(reused.failure()).isInstanceOf(ResponseNeverReceived.class);
        assertThat(endpoints.connections).hasSize(2);
    }

    @Test
    void noRetryOnceResponseBytesArrived() {
        exchange();
        Outcome<Response> response = get("http://h/");
        endpoints.last().answer("HTTP/1.1 2");
        endpoints.last().closed();
        assertThat(response.failure()).isInstanceOf(ResponseFailed.class).isNotInstanceOf(ResponseNeverReceived.class);
        assertThat(endpoints.connections).hasSize(1);
    }

    @Test
    void anIdleConnectionThatReceivesBytesIsAbortedAndDropped() {
        Conn conn = exchange();
        conn.answer("HTTP/1.1 408 Request Timeout\r\n\r\n");
        assertThat(conn.transport.isAborted()).isTrue();
        conn.closed();
        assertThat(pool.cachedConnectionCount()).isZero();
    }

    @Test
    void closeCachedConnectionsClosesIdleOnesAndFiresWhenTheyAreGone() {
        Conn conn = exchange();
        Outcome<?> closed = Outcome.of(pool.closeCachedConnections());
        assertThat(conn.transport.isDisconnecting()).isTrue();
        assertThat(pool.cachedConnectionCount()).isZero();
        assertThat(closed.fired()).isFalse();
        conn.closed();
        assertThat(closed.fired()).isTrue();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }
}
