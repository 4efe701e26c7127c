package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;
import org.twisted4j.web.Site;
import org.twisted4j.web.http2.AbuseLimits;
import org.twisted4j.web.http2.ErrorCode;
import org.twisted4j.web.http2.HeaderField;
import org.twisted4j.web.http2.Http2Connection;
import org.twisted4j.web.http2.Http2Settings;
import org.twisted4j.web.http2.Http2Stream;
import org.twisted4j.web.http2.Http2StreamHandler;

/** The agent speaking HTTP/2 through in-memory connections pumped by hand, to our Site or a scripted server. */
class Http2AgentTest {

    final Clock clock = new Clock();
    final List<IOPump> pumps = new ArrayList<>();
    final List<Http2Connection> servers = new ArrayList<>();
    final List<String> serverEvents = new ArrayList<>();
    final List<Http2Stream> serverStreams = new ArrayList<>();
    final HTTPConnectionPool pool = HTTPConnectionPool.create(clock);
    Http2Settings serverSettings = Http2Settings.DEFAULT;

    /** A server that records each stream and answers only when the test says. */
    Protocol scriptedServer() {
        Http2Connection server = Http2Connection.server(clock, stream -> {
            serverStreams.add(stream);
            String path = stream.requestHeaders().stream().filter(f -> f.name().equals(":path")).findFirst()
                    .orElseThrow().value();
            serverEvents.add("open " + stream.id() + " " + path);
            return new Http2StreamHandler() {
                @Override
                public void dataReceived(ByteBuffer data) {
                    stream.consumed(data.remaining());
                }

                @Override
                public void reset(ErrorCode code) {
                    serverEvents.add("reset " + stream.id() + " " + code);
                }
            };
        }, serverSettings, AbuseLimits.DEFAULT);
        servers.add(server);
        return server;
    }

    Agent agentTo(java.util.function.Supplier<Protocol> servers, Duration responseTimeout) {
        return Agent.usingEndpointFactory(clock, uri -> factory -> {
            Protocol client = factory.buildProtocol(IOPump.DEFAULT_SERVER_ADDRESS);
            pumps.add(IOPump.connectedLoopback(servers.get(), client));
            return Deferred.succeed(client);
        }).pool(pool).http2PriorKnowledge(true).responseTimeout(responseTimeout).build();
    }

    /** Moves the bytes of every connection, those made meanwhile included. */
    void flush() {
        int flushed = 0;
        while (flushed < pumps.size()) {
            flushed = pumps.size();
            for (IOPump pump : List.copyOf(pumps)) {
                pump.flush();
            }
        }
    }

    static void answer(Http2Stream stream, String body) {
        stream.sendHeaders(List.of(new HeaderField(":status", "200")), false);
        stream.sendData(ByteBuffer.wrap(body.getBytes(UTF_8)), true);
    }

    Outcome<Response> get(Agent agent, String path) {
        Outcome<Response> response = Outcome.of(agent.request("GET", URI.create("http://h" + path), null, null));
        flush();
        return response;
    }

    String body(Outcome<Response> response) {
        Outcome<byte[]> body = Outcome.of(response.value().readBody());
        flush();
        return new String(body.value(), UTF_8);
    }

    @Test
    void aGetToOurSiteGoesOverHttp2() {
        Site site = new Site(AgentIntegrationTest.root(), clock);
        Agent agent = agentTo(() -> site.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), Duration.ofSeconds(30));
        Outcome<Response> response = get(agent, "/echo");
        assertThat(response.value().version()).isEqualTo("HTTP/2");
        assertThat(body(response)).startsWith("GET /echo port=");
    }

    @Test
    void cancellingARequestResetsItsStreamAndLeavesTheConnectionToOthers() {
        Agent agent = agentTo(this::scriptedServer, Duration.ofSeconds(30));
        Deferred<Response> slow = agent.request("GET", URI.create("http://h/slow"), null, null);
        Outcome<Response> outcome = Outcome.of(slow);
        flush();
        slow.cancel();
        flush();
        assertThat(outcome.failure()).isInstanceOf(CancelledError.class);
        assertThat(serverEvents).containsExactly("open 1 /slow", "reset 1 CANCEL");
        Outcome<Response> next = get(agent, "/next");
        answer(serverStreams.get(1), "next");
        flush();
        assertThat(body(next)).isEqualTo("next");
        assertThat(pumps).as("one connection").hasSize(1);
    }

    @Test
    void theResponseTimeoutCountsPerStream() {
        Agent agent = agentTo(this::scriptedServer, Duration.ofSeconds(5));
        Outcome<Response> first = get(agent, "/first");
        clock.advance(3);
        Outcome<Response> second = get(agent, "/second");
        clock.advance(2);
        flush();
        assertThat(first.failure()).isInstanceOf(ResponseNeverReceived.class).hasCauseInstanceOf(TimeoutError.class);
        assertThat(serverEvents).containsExactly("open 1 /first", "open 3 /second", "reset 1 CANCEL");
        answer(serverStreams.get(1), "in time");
        flush();
        assertThat(body(second)).isEqualTo("in time");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheCachedConnectionTimeout() {
        Agent agent = agentTo(this::scriptedServer, Duration.ofSeconds(30));
        Outcome<Response> response = get(agent, "/");
        answer(serverStreams.get(0), "ok");
        flush();
        assertThat(body(response)).isEqualTo("ok");
        assertThat(pool.cachedConnectionCount()).isEqualTo(1);
        clock.advance(239);
        flush();
        assertThat(pumps.get(0).clientTransport().isDisconnecting()).isFalse();
        clock.advance(1);
        flush();
        assertThat(pool.cachedConnectionCount()).isZero();
        get(agent, "/again");
        assertThat(pumps).as("a new connection for the next request").hasSize(2);
    }

    @Test
    void requestsPastTheServersLimitWaitAndThoseRefusedByGoAwayGoToANewConnection() {
        serverSettings = Http2Settings.builder().maxConcurrentStreams(1).build();
        Agent agent = agentTo(this::scriptedServer, Duration.ofSeconds(30));
        Outcome<Response> first = get(agent, "/first");
        Outcome<Response> second = get(agent, "/second");
        assertThat(serverEvents).as("the second waits for the first's stream").containsExactly("open 1 /first");
        servers.get(0).goAway();
        flush();
        assertThat(pumps).as("the waiting request went to a new connection").hasSize(2);
        assertThat(serverEvents).containsExactly("open 1 /first", "open 1 /second");
        answer(serverStreams.get(0), "first");
        answer(serverStreams.get(1), "second");
        flush();
        assertThat(body(first)).isEqualTo("first");
        assertThat(body(second)).isEqualTo("second");
    }
}
