package org.twisted4j.internet.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.outcomes;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;

class TasksTest {

    private final Clock clock = new Clock();

    @Test
    void deferLaterFiresWithTheCallablesResultAfterTheDelay() {
        List<Double> calledAt = new ArrayList<>();
        Deferred<String> d = Tasks.deferLater(clock, 3, () -> {
            calledAt.add(clock.seconds());
            return "result";
        });
        List<@Nullable Object> fired = outcomes(d);

        clock.advance(2);
        assertThat(calledAt).isEmpty();
        assertThat(fired).isEmpty();
        clock.advance(1);

        assertThat(calledAt).containsExactly(3.0);
        assertThat(fired).containsExactly("result");
    }

    @Test
    void deferLaterFailsWithWhatTheCallableThrows() {
        Deferred<String> d = Tasks.deferLater(clock, 1, () -> {
            throw new java.io.IOException("no");
        });
        List<@Nullable Object> fired = outcomes(d);

        clock.advance(1);

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(java.io.IOException.class).hasMessage("no"));
    }

    @Test
    void deferLaterWithoutACallableFiresWithNull() {
        Deferred<@Nullable Void> d = Tasks.deferLater(clock, 2);
        List<@Nullable Object> fired = outcomes(d);

        clock.advance(1.9);
        assertThat(fired).isEmpty();
        clock.advance(0.1);

        assertThat(fired).containsExactly((Object) null);
    }

    @Test
    void cancellingDeferLaterCancelsTheCallAndFailsWithCancelledError() {
        List<String> called = new ArrayList<>();
        Deferred<Boolean> d = Tasks.deferLater(clock, 1, () -> called.add("called"));
        List<@Nullable Object> fired = outcomes(d);

        d.cancel();

        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CancelledError.class));
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(5);
        assertThat(called).isEmpty();
    }

    @Test
    void cancellingAfterTheCallRanChangesNothing() {
        Deferred<String> d = Tasks.deferLater(clock, 1, () -> "done");
        clock.advance(1);

        d.cancel();

        assertThat(outcomes(d)).containsExactly("done");
    }

    @Test
    void deferLaterDeferredWaitsForTheDeferredTheCallableReturns() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> d = Tasks.deferLaterDeferred(clock, 1, () -> inner);
        List<@Nullable Object> fired = outcomes(d);

        clock.advance(1);
        assertThat(fired).isEmpty();
        inner.callback("inner result");

        assertThat(fired).containsExactly("inner result");
    }

    @Test
    void cancellingDeferLaterDeferredWhileWaitingCancelsTheInnerDeferred() {
        List<String> innerCancelled = new ArrayList<>();
        Deferred<String> inner = new Deferred<>(cancelled -> innerCancelled.add("cancelled"));
        Deferred<String> d = Tasks.deferLaterDeferred(clock, 1, () -> inner);
        List<@Nullable Object> fired = outcomes(d);
        clock.advance(1);

        d.cancel();

        assertThat(innerCancelled).containsExactly("cancelled");
        assertThat(fired).singleElement().isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CancelledError.class));
    }

    @Test
    void negativeDelayIsRejected() {
        assertThatThrownBy(() -> Tasks.deferLater(clock, -1, () -> "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
