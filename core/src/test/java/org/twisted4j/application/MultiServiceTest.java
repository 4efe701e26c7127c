package org.twisted4j.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;

class MultiServiceTest {
    private final List<String> events = new ArrayList<>();
    private final MultiService parent = new MultiService();

    private RecordingService child(String label) {
        RecordingService service = new RecordingService(label, events);
        service.setServiceParent(parent);
        return service;
    }

    @Test
    void startsChildrenInOrderAfterPrivilegedStartOfEach() {
        RecordingService a = child("a");
        RecordingService b = child("b");

        parent.privilegedStartService();
        parent.startService();

        assertThat(events).containsExactly("privileged a", "privileged b", "start a", "start b");
        assertThat(parent.isRunning()).isTrue();
        assertThat(a.isRunning()).isTrue();
        assertThat(b.isRunning()).isTrue();
    }

    @Test
    void stopsChildrenInReverseOrder() {
        child("a");
        child("b");
        child("c");
        parent.startService();
        events.clear();

        Deferred<@Nullable Void> stopped = parent.stopService();

        assertThat(events).containsExactly("stop c", "stop b", "stop a");
        assertThat(stopped.isCalled()).isTrue();
        assertThat(parent.isRunning()).isFalse();
    }

    @Test
    void stopWaitsForEveryChildsDeferred() {
        RecordingService a = child("a");
        RecordingService b = child("b");
        Deferred<@Nullable Void> aStopped = new Deferred<>();
        Deferred<@Nullable Void> bStopped = new Deferred<>();
        a.stopWith(aStopped);
        b.stopWith(bStopped);
        parent.startService();

        Deferred<@Nullable Void> stopped = parent.stopService();

        assertThat(events).endsWith("stop b", "stop a");
        assertThat(stopped.isCalled()).isFalse();
        aStopped.callback(null);
        assertThat(stopped.isCalled()).isFalse();
        bStopped.callback(null);
        assertThat(stopped.isCalled()).isTrue();
    }

    @Test
    void childWhoseStopFailsDoesNotKeepOthersFromStoppingOrTheStopFromFiring() {
        RecordingService a = child("a");
        MultiService broken = new MultiService() {
            @Override
            public Deferred<@Nullable Void> stopService() {
                throw new IllegalStateException("cannot stop");
            }
        };
        broken.setServiceParent(parent);
        RecordingService c = child("c");
        Deferred<@Nullable Void> cStopped = new Deferred<>();
        c.stopWith(cStopped);
        parent.startService();

        Deferred<@Nullable Void> stopped;
        try (CapturedLog log = new CapturedLog()) {
            stopped = parent.stopService();
            cStopped.errback(new IllegalStateException("also broken"));
            assertThat(log.failureMessages()).containsExactlyInAnyOrder("cannot stop", "also broken");
        }

        assertThat(a.isRunning()).isFalse();
        List<Object> outcome = new ArrayList<>();
        stopped.addBoth(result -> outcome.add(result == null ? "null" : result));
        assertThat(outcome).containsExactly("null");
    }

    @Test
    void namedChildIsFoundByName() {
        RecordingService named = new RecordingService("n", events);
        named.setName("web");
        named.setServiceParent(parent);
        child("anonymous");

        assertThat(parent.getServiceNamed("web")).isSameAs(named);
        assertThatThrownBy(() -> parent.getServiceNamed("mail"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("mail");
    }

    @Test
    void secondChildWithTheSameNameIsRefusedAndLeftWithoutParent() {
        RecordingService first = new RecordingService("1", events);
        first.setName("web");
        first.setServiceParent(parent);
        RecordingService second = new RecordingService("2", events);
        second.setName("web");

        assertThatThrownBy(() -> second.setServiceParent(parent))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web");
        assertThat(second.parent()).isNull();
        assertThat(parent.services()).containsExactly(first);
        assertThat(parent.getServiceNamed("web")).isSameAs(first);
    }

    @Test
    void unnamedChildrenAreNotLimited() {
        RecordingService a = child("a");
        RecordingService b = child("b");

        assertThat(parent.services()).containsExactly(a, b);
        assertThat(parent).containsExactly(a, b);
    }

    @Test
    void nameCannotChangeWhileServiceHasParent() {
        RecordingService a = child("a");

        assertThatThrownBy(() -> a.setName("other")).isInstanceOf(IllegalStateException.class);
        a.disownServiceParent();
        a.setName("other");
        assertThat(a.name()).isEqualTo("other");
    }

    @Test
    void childAddedToRunningParentIsStarted() {
        parent.startService();

        RecordingService late = child("late");

        assertThat(events).containsExactly("privileged late", "start late");
        assertThat(late.isRunning()).isTrue();
    }

    @Test
    void childAddedToStoppedParentIsNotStarted() {
        RecordingService a = child("a");

        assertThat(events).isEmpty();
        assertThat(a.isRunning()).isFalse();
        assertThat(a.parent()).isSameAs(parent);
    }

    @Test
    void disowningFromRunningParentStopsTheChildAndReturnsItsStop() {
        RecordingService a = child("a");
        RecordingService b = child("b");
        parent.startService();
        Deferred<@Nullable Void> aStopped = new Deferred<>();
        a.stopWith(aStopped);

        Deferred<@Nullable Void> disowned = a.disownServiceParent();

        assertThat(events).endsWith("stop a");
        assertThat(a.isRunning()).isFalse();
        assertThat(a.parent()).isNull();
        assertThat(parent.services()).containsExactly(b);
        assertThat(disowned.isCalled()).isFalse();
        aStopped.callback(null);
        assertThat(disowned.isCalled()).isTrue();
    }

    @Test
    void disowningFromStoppedParentDoesNotStopTheChild() {
        RecordingService a = child("a");

        Deferred<@Nullable Void> disowned = a.disownServiceParent();

        assertThat(disowned.isCalled()).isTrue();
        assertThat(events).isEmpty();
        assertThatThrownBy(a::disownServiceParent).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reparentingLeavesTheOldParentAndFreesTheName() {
        RecordingService a = new RecordingService("a", events);
        a.setName("a");
        a.setServiceParent(parent);
        MultiService other = new MultiService();

        a.setServiceParent(other);

        assertThat(a.parent()).isSameAs(other);
        assertThat(parent.services()).isEmpty();
        assertThatThrownBy(() -> parent.getServiceNamed("a")).isInstanceOf(NoSuchElementException.class);
        assertThat(other.getServiceNamed("a")).isSameAs(a);
    }

    @Test
    void reparentingFromRunningToStoppedParentStopsTheChild() {
        RecordingService a = child("a");
        parent.startService();
        MultiService other = new MultiService();

        a.setServiceParent(other);

        assertThat(events).containsExactly("start a", "stop a");
        assertThat(a.isRunning()).isFalse();
    }

    @Test
    void nestedCollectionsStartDepthFirstAndStopInReverse() {
        child("a");
        MultiService inner = new MultiService();
        inner.setServiceParent(parent);
        new RecordingService("b", events).setServiceParent(inner);
        new RecordingService("c", events).setServiceParent(inner);
        child("d");

        parent.startService();
        parent.stopService();

        assertThat(events).containsExactly("start a", "start b", "start c", "start d",
                "stop d", "stop c", "stop b", "stop a");
    }

    @Test
    void removingAServiceThatIsNotAChildIsRefused() {
        RecordingService stranger = new RecordingService("x", events);

        assertThatThrownBy(() -> parent.removeService(stranger)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parent.setServiceParent(parent)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applicationIsANamedRootWithoutParent() {
        Application app = new Application("chat");
        RecordingService a = new RecordingService("a", events);
        a.setServiceParent(app);

        assertThat(app.name()).isEqualTo("chat");
        assertThat(app.services()).containsExactly(a);
        assertThatThrownBy(() -> app.setServiceParent(parent)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> app.setName(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(app.parent()).isNull();
    }
}
