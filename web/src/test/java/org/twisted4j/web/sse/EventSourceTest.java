package org.twisted4j.web.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.internet.task.Tasks;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.Headers;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Served;
import org.twisted4j.web.Site;
import org.twisted4j.web.client.Agent;
import org.twisted4j.web.client.BodyProducer;
import org.twisted4j.web.client.HTTPConnectionPool;
import org.twisted4j.web.client.HttpAgent;
import org.twisted4j.web.client.Response;
import org.twisted4j.web.client.TlsPolicy;

/**
 * Our {@link EventSource} on the Agent against our {@link EventSourceResource}, on loopback: over HTTP/1.1, over
 * h2c (prior knowledge) and over h2 chosen by ALPN on TLS.
 */
@ExtendWith(TrialExtension.class)
class EventSourceTest {

    /** Records events, and fires a Deferred once a given number have arrived. */
    private static final class Recorder implements EventSource.Handler {
        final List<String> events = new ArrayList<>();
        int opened;
        @Nullable Failure closedWith;
        boolean closed;
        final Deferred<@Nullable Void> whenClosed = new Deferred<>();
        final Deferred<@Nullable Void> whenOpened = new Deferred<>();
        int awaited;
        @Nullable Deferred<@Nullable Void> arrived;

        Deferred<@Nullable Void> await(int count) {
            Deferred<@Nullable Void> d = new Deferred<>();
            awaited = count;
            arrived = d;
            check();
            return d;
        }

        private void check() {
            Deferred<@Nullable Void> d = arrived;
            if (d != null && events.size() >= awaited) {
                arrived = null;
                d.callback(null);
            }
        }

        @Override
        public void event(ServerSentEvent event) {
            events.add(event.id() + "|" + event.event() + "|" + event.data());
            check();
        }

        @Override
        public void opened() {
            if (opened++ == 0) {
                whenOpened.callback(null);
            }
        }

        @Override
        public void closed(@Nullable Failure reason) {
            closed = true;
            closedWith = reason;
            whenClosed.callback(null);
        }
    }

    /** An agent that remembers the protocol version of each answer and the Last-Event-ID of each request. */
    private static final class Watching implements HttpAgent {
        final HttpAgent agent;
        final List<String> versions = new ArrayList<>();
        final List<@Nullable String> lastEventIds = new ArrayList<>();

        Watching(HttpAgent agent) {
            this.agent = agent;
        }

        @Override
        public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
                @Nullable BodyProducer body) {
            lastEventIds.add(headers == null ? null : headers.get("Last-Event-ID"));
            return agent.request(method, uri, headers, body).addCallback(response -> {
                versions.add(response.version());
                return response;
            });
        }
    }

    @Test
    void receivesEventsAndResumesAfterTheStreamEnds(NioReactor reactor) throws Exception {
        receiveAndResume(reactor, false, builder -> builder, "HTTP/1.1");
    }

    @Test
    void receivesEventsAndResumesOverH2c(NioReactor reactor) throws Exception {
        receiveAndResume(reactor, false, builder -> builder.http2PriorKnowledge(true), "HTTP/2");
    }

    @Test
    void receivesEventsAndResumesOverH2ChosenByAlpn(NioReactor reactor) throws Exception {
        receiveAndResume(reactor, true, builder -> builder.tlsPolicy(TlsPolicy.trusting(TrustRoot.of(
                CERTIFICATE.certificate()))), "HTTP/2");
    }

    private static final PrivateCertificate CERTIFICATE = CertificateBuilder.selfSigned("localhost")
            .dnsNames("localhost").ipAddresses("127.0.0.1").build();

    /**
     * Events arrive as published, over the protocol {@code version} names; the server ends the stream; the
     * source reconnects with the last id as {@code Last-Event-ID}, and the event published meanwhile is
     * replayed; an answer that is not an event stream stops the source.
     */
    private static void receiveAndResume(NioReactor reactor, boolean tls, UnaryOperator<Agent.Builder> configure,
            String version) throws Exception {
        Resource root = new Resource();
        EventSourceResource events = new EventSourceResource(reactor);
        events.setRetry(10L);
        events.setHeartbeatInterval(0);
        root.putChild("events", events);
        root.putChild("page", Served.text("plain"));
        Site served = new Site(root, reactor);
        LoopbackSite site = tls ? LoopbackSite.listenTls(reactor, served, CERTIFICATE)
                : LoopbackSite.listen(reactor, served);
        String base = tls ? "https://localhost:" + site.port() : site.url("");
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        Watching agent = new Watching(configure.apply(Agent.builder(reactor).pool(pool)).build());
        try {
            Recorder recorder = new Recorder();
            EventSource source = EventSource.connect(agent, URI.create(base + "/events"), reactor, recorder);
            Coroutine.await(recorder.whenOpened);
            events.publish("tick", "one");
            events.publish("two\nlines");
            Coroutine.await(recorder.await(2));
            assertThat(source.retryMillis()).isEqualTo(10);
            events.closeAll();
            events.publish("tick", "while away");
            Coroutine.await(recorder.await(3));
            assertThat(recorder.events).containsExactly("1|tick|one", "2|null|two\nlines", "3|tick|while away");
            assertThat(recorder.opened).isEqualTo(2);
            assertThat(source.lastEventId()).isEqualTo("3");
            assertThat(agent.versions).containsExactly(version, version);
            assertThat(agent.lastEventIds).containsExactly(null, "2");
            source.close();
            assertThat(recorder.closed).isTrue();
            assertThat(recorder.closedWith).isNull();

            Recorder refused = new Recorder();
            EventSource notAStream = EventSource.connect(agent, URI.create(base + "/page"), reactor, refused);
            Coroutine.await(refused.whenClosed);
            assertThat(refused.closedWith).isNotNull();
            assertThat(Objects.requireNonNull(refused.closedWith).value()).isInstanceOf(EventSourceRefused.class)
                    .hasMessageContaining("not an event stream");
            notAStream.close();
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            site.stop();
            // A connection aborted above reports its loss on the next turn: let it, before the reactor is checked.
            Coroutine.await(Tasks.deferLater(reactor, 0, () -> null));
        }
    }
}
