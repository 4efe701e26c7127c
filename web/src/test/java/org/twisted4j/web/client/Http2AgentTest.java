package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.IOPump;
import org.twisted4j.web.Site;

/** The agent speaking HTTP/2 to our own Site through in-memory connections pumped by hand. */
class Http2AgentTest {

    final Clock clock = new Clock();
    final Site site = new Site(AgentIntegrationTest.root(), clock);
    final List<IOPump> pumps = new ArrayList<>();
    final HTTPConnectionPool pool = HTTPConnectionPool.create(clock);
    final Agent agent = Agent.usingEndpointFactory(clock, uri -> factory -> {
        Protocol client = factory.buildProtocol(IOPump.DEFAULT_SERVER_ADDRESS);
        pumps.add(IOPump.connectedLoopback(site.buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client));
        return Deferred.succeed(client);
    }).pool(pool).http2PriorKnowledge(true).build();

    void flush() {
        for (IOPump pump : List.copyOf(pumps)) {
            pump.flush();
        }
    }

    @Test
    void aGetGoesOverHttp2() {
        Outcome<Response> response = Outcome.of(agent.request("GET", URI.create("http://h/echo"), null, null));
        flush();
        assertThat(response.value().version()).isEqualTo("HTTP/2");
        Outcome<byte[]> body = Outcome.of(response.value().readBody());
        flush();
        assertThat(new String(body.value(), UTF_8)).startsWith("GET /echo port=");
    }
}
