package org.twisted4j.web.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Served;

/** The event stream on an in-memory connection, its clock driven by hand. */
class EventSourceResourceTest {

    private static final String GET = "GET /events HTTP/1.0\r\n";

    private final Resource root = new Resource();
    private final Served served = new Served(root);
    private final EventSourceResource events = new EventSourceResource(served.clock);

    EventSourceResourceTest() {
        root.putChild("events", events);
    }

    private static String body(String response) {
        int at = response.indexOf("\r\n\r\n");
        return at < 0 ? response : response.substring(at + 4);
    }

    @Test
    void aClientGetsTheStreamHeadersThenEachEventAsPublished() {
        served.send(GET + "\r\n");
        String head = served.take();
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/event-stream\r\n")
                .contains("Cache-Control: no-cache\r\n").endsWith("\r\n\r\n: connected\n\n");
        events.publish("one");
        events.publish("tick", "two\nlines");
        assertThat(served.take()).isEqualTo("id: 1\ndata: one\n\nid: 2\nevent: tick\ndata: two\ndata: lines\n\n");
        assertThat(events.clientCount()).isEqualTo(1);
        events.closeAll();
        assertThat(events.clientCount()).isZero();
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aReconnectingClientIsSentWhatItMissedFromTheHistory() {
        events.setRetry(1500L);
        for (int n = 1; n <= 5; n++) {
            events.publish("e" + n);
        }
        served.send(GET + "Last-Event-ID: 3\r\n\r\n");
        assertThat(body(served.take())).isEqualTo("retry: 1500\n\nid: 4\ndata: e4\n\nid: 5\ndata: e5\n\n");
    }

    @Test
    void aClientTooFarBehindGetsAllTheHistoryKept() {
        events.setHistorySize(2);
        for (int n = 1; n <= 5; n++) {
            events.publish("e" + n);
        }
        served.send(GET + "Last-Event-ID: 1\r\n\r\n");
        assertThat(body(served.take())).isEqualTo(": connected\n\nid: 4\ndata: e4\n\nid: 5\ndata: e5\n\n");
    }

    @Test
    void anUnknownLastEventIdReplaysNothing() {
        events.publish("e1");
        served.send(GET + "Last-Event-ID: x1\r\n\r\n");
        assertThat(body(served.take())).isEqualTo(": connected\n\n");
    }

    @Test
    void idleConnectionsGetKeepAliveComments() {
        served.send(GET + "\r\n").take();
        served.clock.advance(EventSourceResource.DEFAULT_HEARTBEAT_SECONDS - 1);
        assertThat(served.take()).isEmpty();
        served.clock.advance(1);
        assertThat(served.take()).isEqualTo(": keep-alive\n\n");
        served.clock.advance(EventSourceResource.DEFAULT_HEARTBEAT_SECONDS);
        assertThat(served.take()).isEqualTo(": keep-alive\n\n");
        events.closeAll();
        assertThat(served.clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void eventsWaitWhileTheConnectionIsFullAndFollowInOrder() {
        served.send(GET + "\r\n").take();
        ((PushProducer) Objects.requireNonNull(served.transport.producer())).pauseProducing();
        events.publish("a");
        events.publish("b");
        assertThat(served.take()).isEmpty();
        ((PushProducer) Objects.requireNonNull(served.transport.producer())).resumeProducing();
        assertThat(served.take()).isEqualTo("id: 1\ndata: a\n\nid: 2\ndata: b\n\n");
    }

    @Test
    void aClientThatCannotKeepUpIsDropped() {
        events.setMaxPendingBytes(1000);
        served.send(GET + "\r\n").take();
        ((PushProducer) Objects.requireNonNull(served.transport.producer())).pauseProducing();
        for (int n = 0; n < 20 && events.clientCount() > 0; n++) {
            events.publish("x".repeat(100));
        }
        assertThat(events.clientCount()).isZero();
        assertThat(served.transport.isAborted()).isTrue();
    }

    @Test
    void clientsPastTheLimitAreAnswered503() {
        events.setMaxClients(1);
        served.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n").take();
        Resource otherRoot = new Resource();
        otherRoot.putChild("events", events);
        Served second = new Served(otherRoot);
        second.send(GET + "\r\n");
        assertThat(second.take()).startsWith("HTTP/1.1 503 ").contains("Retry-After: 10\r\n");
    }
}
