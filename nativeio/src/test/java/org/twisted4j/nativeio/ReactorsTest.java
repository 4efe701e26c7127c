package org.twisted4j.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorGroup;
import org.twisted4j.internet.Reactors;

/** Choosing a backend by name: the providers are found, unknown names fall back or fail as asked. */
class ReactorsTest {

    @Test
    void nativeBackendsAreFoundBesideNio() {
        assertThat(Reactors.names()).containsExactly("nio", "epoll", "io_uring");
    }

    @Test
    void epollIsMadeByNameWhereItLoads() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Epoll.isAvailable(), () -> "skipped: epoll cannot load here: "
                + Epoll.unavailabilityCause());
        ReactorBackend reactor = Reactors.create("epoll");
        assertThat(reactor.backendName()).isEqualTo("epoll");
        Thread runner = Thread.ofPlatform().start(reactor::run);
        reactor.blockingCallFromThread(() -> {
            reactor.stop();
            return null;
        });
        runner.join();
        assertThat(reactor.isRunning()).isFalse();
    }

    @Test
    void anUnknownNameFallsBackToNio() {
        assertThat(Reactors.create("kqueue")).isInstanceOf(NioReactor.class);
    }

    @Test
    void anUnknownNameIsAnErrorWhenRequired() {
        assertThatThrownBy(() -> Reactors.require("kqueue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no reactor named kqueue").hasMessageContaining("epoll");
    }

    @Test
    void aReactorRunsOnceOnly() throws Exception {
        ReactorBackend reactor = Backends.require("epoll");
        reactor.callWhenRunning(reactor::stop);
        reactor.run();
        assertThatThrownBy(reactor::run).hasMessageContaining("cannot be restarted");
    }

    @Test
    void severalNativeReactorsMakeAGroupForTheyShareTheirPorts() {
        Backends.require("epoll");
        ReactorGroup<ReactorBackend> group = ReactorGroup.of(2, index -> Reactors.require("epoll"));
        assertThat(group.reactors()).hasSize(2).allSatisfy(member -> {
            assertThat(member).isInstanceOf(ReactorGroup.Member.class);
            assertThat(member.backendName()).isEqualTo("epoll");
        });
    }
}
