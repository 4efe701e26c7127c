package org.twisted4j.testing.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.application.AbstractService;
import org.twisted4j.application.Application;
import org.twisted4j.application.Services;
import org.twisted4j.defer.Deferred;
import org.twisted4j.testing.MemoryReactor;

class ServicesTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final List<String> events = new ArrayList<>();

    private final class Recording extends AbstractService {
        @Override
        public void privilegedStartService() {
            events.add("privileged running=" + reactor.isRunning());
        }

        @Override
        public void startService() {
            super.startService();
            events.add("start");
        }

        @Override
        public Deferred<@Nullable Void> stopService() {
            events.add("stop");
            return super.stopService();
        }
    }

    @Test
    void startsOnceTheReactorRunsAndStopsBeforeItShutsDown() {
        Application app = new Application("app");
        new Recording().setServiceParent(app);
        List<Object> started = new ArrayList<>();

        Services.startApplication(reactor, app).addBoth(started::add);
        assertThat(events).isEmpty();
        reactor.run();

        assertThat(events).containsExactly("privileged running=true", "start");
        assertThat(started).containsExactly((Object) null);
        reactor.stop();
        assertThat(events).endsWith("stop");
        assertThat(app.isRunning()).isFalse();
    }

    @Test
    void startsAtOnceOnARunningReactor() {
        reactor.run();
        Application app = new Application("app");
        new Recording().setServiceParent(app);

        Services.startApplication(reactor, app);

        assertThat(events).containsExactly("privileged running=true", "start");
        assertThat(app.isRunning()).isTrue();
    }

    @Test
    void startFailureStopsWhatStartedAndTheReactor() {
        Application app = new Application("app");
        new Recording().setServiceParent(app);
        new AbstractService() {
            @Override
            public void startService() {
                throw new IllegalStateException("no database");
            }
        }.setServiceParent(app);
        List<Object> started = new ArrayList<>();
        Services.startApplication(reactor, app).addErrback(failure -> {
            started.add(failure.value().getMessage());
            return null;
        });

        reactor.run();

        assertThat(started).containsExactly("no database");
        assertThat(events).containsExactly("privileged running=true", "start", "stop");
        assertThat(reactor.hasStopped()).isTrue();
    }
}
