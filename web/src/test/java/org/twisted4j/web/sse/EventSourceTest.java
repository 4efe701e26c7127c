package org.twisted4j.web.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.task.Tasks;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Served;
import org.twisted4j.web.client.Agent;
import org.twisted4j.web.client.HTTPConnectionPool;

/** Our {@link EventSource} on the Agent against our {@link EventSourceResource}, on loopback. */
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

    @Test
    void receivesEventsAndResumesAfterTheStreamEnds(NioReactor reactor) throws Exception {
        Resource root = new Resource();
        EventSourceResource events = new EventSourceResource(reactor);
        events.setRetry(10L);
        events.setHeartbeatInterval(0);
        root.putChild("events", events);
        root.putChild("page", Served.text("plain"));
        LoopbackSite site = LoopbackSite.listen(reactor, root);
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        Agent agent = Agent.builder(reactor).pool(pool).build();
        try {
            Recorder recorder = new Recorder();
            EventSource source = EventSource.connect(agent, URI.create(site.url("/events")), reactor, recorder);
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
            source.close();
            assertThat(recorder.closed).isTrue();
            assertThat(recorder.closedWith).isNull();

            Recorder refused = new Recorder();
            EventSource notAStream = EventSource.connect(agent, URI.create(site.url("/page")), reactor, refused);
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
