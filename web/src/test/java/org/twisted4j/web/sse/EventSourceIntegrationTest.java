package org.twisted4j.web.sse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Resource;

/**
 * curl reading our event stream as events are published, resuming with {@code Last-Event-ID}, and over HTTP/2
 * (h2c by prior knowledge).
 */
@ExtendWith(TrialExtension.class)
class EventSourceIntegrationTest {

    @Test
    void curlReadsEventsAsTheyArePublishedThenResumes(NioReactor reactor) throws Exception {
        Resource root = new Resource();
        EventSourceResource events = new EventSourceResource(reactor);
        root.putChild("events", events);
        LoopbackSite site = LoopbackSite.listen(reactor, root);
        try {
            String url = site.url("/events");
            try (CurlStream live = CurlStream.start(url)) {
                Coroutine.await(reactor.deferToThread(() -> live.awaitEnd(": connected\n\n")));
                events.publish("one");
                events.publish("tick", "two\nlines");
                String got = Coroutine.await(reactor.deferToThread(() -> live.awaitEnd("data: lines\n\n")));
                assertThat(got).isEqualTo(": connected\n\nid: 1\ndata: one\n\nid: 2\nevent: tick\ndata: two\n"
                        + "data: lines\n\n");
                events.closeAll();
                assertThat(Coroutine.await(reactor.deferToThread(live::exitCode))).isZero();
            }
            events.publish("three");
            try (CurlStream resumed = CurlStream.start(url, "-H", "Last-Event-ID: 1")) {
                String got = Coroutine.await(reactor.deferToThread(() -> resumed.awaitEnd("data: three\n\n")));
                assertThat(got).isEqualTo(": connected\n\nid: 2\nevent: tick\ndata: two\ndata: lines\n\n"
                        + "id: 3\ndata: three\n\n");
                assertThat(events.clientCount()).isEqualTo(1);
                events.publish("four");
                assertThat(Coroutine.await(reactor.deferToThread(() -> resumed.awaitEnd("data: four\n\n"))))
                        .endsWith("id: 4\ndata: four\n\n");
                events.closeAll();
                assertThat(Coroutine.await(reactor.deferToThread(resumed::exitCode))).isZero();
            }
        } finally {
            site.stop();
        }
    }

    @Test
    void curlReadsTheStreamOverHttp2(NioReactor reactor) throws Exception {
        Resource root = new Resource();
        EventSourceResource events = new EventSourceResource(reactor);
        root.putChild("events", events);
        LoopbackSite site = LoopbackSite.listen(reactor, root);
        try {
            events.publish("before");
            try (CurlStream live = CurlStream.start(site.url("/events"), "--http2-prior-knowledge", "-H",
                    "Last-Event-ID: 0")) {
                Coroutine.await(reactor.deferToThread(() -> live.awaitEnd("data: before\n\n")));
                events.publish("multi", "a\r\nb");
                String got = Coroutine.await(reactor.deferToThread(() -> live.awaitEnd("data: b\n\n")));
                assertThat(got).isEqualTo(": connected\n\nid: 1\ndata: before\n\nid: 2\nevent: multi\ndata: a\n"
                        + "data: b\n\n");
                events.closeAll();
                assertThat(Coroutine.await(reactor.deferToThread(live::exitCode))).isZero();
            }
        } finally {
            site.stop();
        }
    }
}
