package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.outcomeOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;

class DeferredTest {

    @Test
    void callbacksRunInOrderWithEachResultFeedingTheNext() {
        Deferred<Integer> d = new Deferred<>();
        Deferred<String> chained = d.addCallback(x -> x + 1).addCallback(x -> x * 10).addCallback(x -> "=" + x);
        AtomicReference<Object> outcome = outcomeOf(chained);
        assertThat(outcome.get()).isEqualTo("no outcome");
        d.callback(4);
        assertThat(outcome.get()).isEqualTo("=50");
    }

    @Test
    void stepAddedAfterFiringRunsAtOnceWithTheCurrentResult() {
        Deferred<String> d = Deferred.succeed("ready");
        assertThat(outcomeOf(d.addCallback(String::length)).get()).isEqualTo(5);
    }

    @Test
    void callbackThatThrowsMovesChainToErrbackPath() {
        IOException boom = new IOException("boom");
        List<String> ran = new ArrayList<>();
        Deferred<String> d = new Deferred<>();
        d.addCallback(x -> {
            throw boom;
        }).addCallback(x -> {
            ran.add("skipped callback");
            return x;
        }).addErrback(f -> {
            ran.add("errback saw " + f.value().getMessage());
            throw f.raise();
        });
        AtomicReference<Object> outcome = outcomeOf(d);
        d.callback("go");
        assertThat(ran).containsExactly("errback saw boom");
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value()).isSameAs(boom));
    }

    @Test
    void errbackReturningValueReturnsChainToCallbackPath() {
        Deferred<Integer> d = new Deferred<>();
        Deferred<Integer> recovered = d.addErrback(f -> -1).addCallback(x -> x * 2);
        AtomicReference<Object> outcome = outcomeOf(recovered);
        d.errback(new IllegalStateException("lost"));
        assertThat(outcome.get()).isEqualTo(-2);
    }

    @Test
    void callbackReturningFailureMovesChainToErrbackPath() {
        Failure failure = new Failure(new IOException("returned"));
        Deferred<Object> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(d.addCallback(x -> failure));
        d.callback("x");
        assertThat(outcome.get()).isSameAs(failure);
    }

    @Test
    void valuePassesErrbacksByAndFailurePassesCallbacksBy() {
        List<String> ran = new ArrayList<>();
        Deferred<String> ok = new Deferred<>();
        ok.addErrback(f -> {
            ran.add("errback on success");
            return "no";
        });
        AtomicReference<Object> okOutcome = outcomeOf(ok);
        ok.callback("yes");

        Deferred<String> bad = new Deferred<>();
        bad.addCallback(x -> {
            ran.add("callback on failure");
            return x;
        });
        AtomicReference<Object> badOutcome = outcomeOf(bad);
        bad.errback(new IOException("no"));

        assertThat(ran).isEmpty();
        assertThat(okOutcome.get()).isEqualTo("yes");
        assertThat(badOutcome.get()).isInstanceOf(Failure.class);
    }

    @Test
    void trapOfAnotherTypeKeepsTheSameFailureOnTheErrbackPath() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(f -> {
            f.trap(IllegalArgumentException.class);
            return "handled";
        });
        AtomicReference<Object> outcome = outcomeOf(d);
        Failure original = new Failure(new IOException("not trapped"));
        d.errback(original);
        assertThat(outcome.get()).isSameAs(original);
    }

    @Test
    void trapOfMatchingTypeLetsErrbackRecover() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(d.addErrback(f -> {
            f.trap(IllegalArgumentException.class, IOException.class);
            return "handled";
        }));
        d.errback(new java.io.FileNotFoundException("subclass of a trapped type"));
        assertThat(outcome.get()).isEqualTo("handled");
    }

    @Test
    void firingTwiceThrowsAlreadyCalledError() {
        Deferred<String> d = new Deferred<>();
        d.callback("first");
        assertThatThrownBy(() -> d.callback("second")).isInstanceOf(AlreadyCalledError.class);
        assertThatThrownBy(() -> d.errback(new IOException())).isInstanceOf(AlreadyCalledError.class);
        assertThat(outcomeOf(d).get()).isEqualTo("first");
    }

    @Test
    void firingWithADeferredIsRefused() {
        Deferred<Object> d = new Deferred<>();
        assertThatThrownBy(() -> d.callback(new Deferred<>())).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.isCalled()).isFalse();
    }

    @Test
    void callbackReturningUnfiredDeferredPausesChainUntilItFires() {
        Deferred<String> inner = new Deferred<>();
        Deferred<Integer> outer = new Deferred<>();
        List<String> ran = new ArrayList<>();
        Deferred<String> chained = outer.addCallbackDeferred(x -> inner).addCallback(s -> {
            ran.add("after inner: " + s);
            return s + "!";
        });
        AtomicReference<Object> outcome = outcomeOf(chained);
        outer.callback(1);
        assertThat(ran).isEmpty();
        assertThat(outer.isPaused()).isTrue();
        inner.callback("inner result");
        assertThat(ran).containsExactly("after inner: inner result");
        assertThat(outcome.get()).isEqualTo("inner result!");
        assertThat(outer.isPaused()).isFalse();
    }

    @Test
    void callbackReturningFiredDeferredContinuesWithItsResult() {
        Deferred<Integer> outer = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(outer.addCallbackDeferred(x -> Deferred.succeed(x + 1)));
        outer.callback(41);
        assertThat(outcome.get()).isEqualTo(42);
    }

    @Test
    void failureOfInnerDeferredContinuesOuterErrbackPath() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> outer = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(outer.addCallbackDeferred(x -> inner));
        outer.callback("go");
        IOException error = new IOException("inner failed");
        inner.errback(error);
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value()).isSameAs(error));
    }

    @Test
    void innerDeferredHandsOverItsResultAndIsLeftWithNull() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> outer = new Deferred<>();
        outer.addCallbackDeferred(x -> inner);
        outer.callback("go");
        inner.callback("moved");
        assertThat(outcomeOf(inner).get()).isNull();
        assertThat(outcomeOf(outer).get()).isEqualTo("moved");
    }

    @Test
    void deepChainOfReturnedDeferredsDoesNotOverflowTheStack() {
        int depth = 100_000;
        Deferred<Integer> innermost = new Deferred<>();
        Deferred<Integer> current = innermost;
        for (int i = 0; i < depth; i++) {
            Deferred<Integer> waitingOn = current;
            Deferred<Integer> outer = new Deferred<>();
            outer.addCallbackDeferred(x -> waitingOn).addCallback(x -> x + 1);
            outer.callback(0);
            current = outer;
        }
        AtomicReference<Object> outcome = outcomeOf(current);
        innermost.callback(0);
        assertThat(outcome.get()).isEqualTo(depth);
    }

    @Test
    void longChainOfCallbacksDoesNotOverflowTheStack() {
        Deferred<Integer> d = new Deferred<>();
        Deferred<Integer> chained = d;
        for (int i = 0; i < 100_000; i++) {
            chained = chained.addCallback(x -> x + 1);
        }
        AtomicReference<Object> outcome = outcomeOf(chained);
        d.callback(0);
        assertThat(outcome.get()).isEqualTo(100_000);
    }

    @Test
    void pauseHoldsTheChainUntilEveryPauseIsUndone() {
        Deferred<String> d = new Deferred<>();
        d.pause();
        d.pause();
        AtomicReference<Object> outcome = outcomeOf(d);
        d.callback("held");
        assertThat(outcome.get()).isEqualTo("no outcome");
        d.unpause();
        assertThat(outcome.get()).isEqualTo("no outcome");
        d.unpause();
        assertThat(outcome.get()).isEqualTo("held");
    }

    @Test
    void unpauseOfUnpausedDeferredIsAnError() {
        assertThatThrownBy(() -> new Deferred<String>().unpause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepAddedWhileCallbacksRunRunsAfterTheStepsAlreadyThere() {
        List<String> ran = new ArrayList<>();
        Deferred<String> d = new Deferred<>();
        d.addCallback(x -> {
            ran.add("first");
            d.addCallback(y -> {
                ran.add("added during first");
                return y;
            });
            return x;
        }).addCallback(x -> {
            ran.add("second");
            return x;
        });
        d.callback("go");
        assertThat(ran).containsExactly("first", "second", "added during first");
    }

    @Test
    void cancelWithoutCancellerFailsWithCancelledErrorAndDropsTheLateResult() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(d);
        d.cancel();
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CancelledError.class));
        d.callback("late result is dropped");
        assertThatThrownBy(() -> d.callback("but only once")).isInstanceOf(AlreadyCalledError.class);
    }

    @Test
    void cancelRunsTheCancellerAndFailsWithCancelledErrorIfItDidNotFire() {
        List<Deferred<String>> cancelled = new ArrayList<>();
        Deferred<String> d = new Deferred<>(cancelled::add);
        AtomicReference<Object> outcome = outcomeOf(d);
        d.cancel();
        assertThat(cancelled).containsExactly(d);
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CancelledError.class));
        assertThatThrownBy(() -> d.callback("with a canceller, a late result is an error"))
                .isInstanceOf(AlreadyCalledError.class);
    }

    @Test
    void cancellerThatFiresTheDeferredDecidesItsResult() {
        Deferred<String> d = new Deferred<>(self -> self.callback("stopped cleanly"));
        AtomicReference<Object> outcome = outcomeOf(d);
        d.cancel();
        assertThat(outcome.get()).isEqualTo("stopped cleanly");
    }

    @Test
    void cancelAfterFiringDoesNothing() {
        Deferred<String> d = new Deferred<>(self -> {
            throw new AssertionError("canceller must not run");
        });
        d.callback("done");
        d.cancel();
        assertThat(outcomeOf(d).get()).isEqualTo("done");
    }

    @Test
    void cancelWhileWaitingOnAnInnerDeferredCancelsTheInnerOne() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> inner = new Deferred<>(self -> cancelled.add("inner"));
        Deferred<String> outer = new Deferred<>(self -> cancelled.add("outer"));
        AtomicReference<Object> outcome = outcomeOf(outer.addCallbackDeferred(x -> inner));
        outer.callback("go");
        outer.cancel();
        assertThat(cancelled).containsExactly("inner");
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.value()).isInstanceOf(CancelledError.class));
    }

    @Test
    void errbackRecordsTheStackWhereTheChainWasFired() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(d);
        d.errback(new IOException("x"));
        Failure failure = (Failure) outcome.get();
        assertThat(failure.firedAt()).isNotEmpty();
        assertThat(failure.firedAt()[0].getMethodName()).isEqualTo("errbackRecordsTheStackWhereTheChainWasFired");
        assertThat(failure.getTraceback())
                .contains("java.io.IOException: x")
                .contains("Fired into a Deferred at:")
                .contains("errbackRecordsTheStackWhereTheChainWasFired");
    }

    @Test
    void addBothSeesValuesAndFailuresAndPassesThemOn() {
        List<Object> seen = new ArrayList<>();
        Deferred<String> ok = new Deferred<>();
        AtomicReference<Object> okOutcome = outcomeOf(ok.addBoth(o -> {
            seen.add(o);
            return o;
        }));
        Deferred<String> bad = new Deferred<>();
        AtomicReference<Object> badOutcome = outcomeOf(bad.addBoth(o -> {
            seen.add(o);
            return o;
        }));
        ok.callback("v");
        Failure failure = new Failure(new IOException());
        bad.errback(failure);
        assertThat(seen).containsExactly("v", failure);
        assertThat(okOutcome.get()).isEqualTo("v");
        assertThat(badOutcome.get()).isSameAs(failure);
    }

    @Test
    void chainDeferredFiresTheOtherWithThisResult() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        first.chainDeferred(second);
        AtomicReference<Object> secondOutcome = outcomeOf(second);
        AtomicReference<Object> firstOutcome = outcomeOf(first);
        first.callback("shared");
        assertThat(secondOutcome.get()).isEqualTo("shared");
        assertThat(firstOutcome.get()).isNull();
    }

    @Test
    void maybeDeferredWrapsValuesExceptionsAndDeferreds() {
        assertThat(outcomeOf(Deferred.maybeDeferred(() -> "plain")).get()).isEqualTo("plain");
        IOException error = new IOException("thrown");
        assertThat(outcomeOf(Deferred.maybeDeferred(() -> {
            throw error;
        })).get()).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value()).isSameAs(error));
        Deferred<String> returned = new Deferred<>();
        assertThat(Deferred.<String>maybeDeferred(() -> returned)).isSameAs(returned);
    }

    @Test
    void succeedAndFailAreAlreadyFired() {
        assertThat(Deferred.succeed(null).isCalled()).isTrue();
        Deferred<String> failed = Deferred.fail(new IOException("f"));
        assertThat(failed.isCalled()).isTrue();
        assertThat(outcomeOf(failed).get()).isInstanceOf(Failure.class);
    }

    @Test
    void addTimeoutFailsWithTimeoutErrorOnceTheClockPassesIt() {
        Clock clock = new Clock();
        List<String> cancelled = new ArrayList<>();
        Deferred<String> d = new Deferred<String>(self -> cancelled.add("cancelled")).addTimeout(10, clock);
        AtomicReference<Object> outcome = outcomeOf(d);
        clock.advance(9.9);
        assertThat(outcome.get()).isEqualTo("no outcome");
        clock.advance(0.1);
        assertThat(cancelled).containsExactly("cancelled");
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value())
                .isInstanceOf(TimeoutError.class).hasMessage("Deferred timed out after 10.0 seconds"));
    }

    @Test
    void resultBeforeTheTimeoutCancelsTheTimer() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<String>().addTimeout(10, clock);
        AtomicReference<Object> outcome = outcomeOf(d);
        d.callback("in time");
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(20);
        assertThat(outcome.get()).isEqualTo("in time");
    }

    @Test
    void failureOtherThanCancellationPassesThroughTheTimeoutUnchanged() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<String>().addTimeout(10, clock);
        AtomicReference<Object> outcome = outcomeOf(d);
        IOException error = new IOException("refused");
        d.errback(error);
        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.value()).isSameAs(error));
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void onTimeoutCancelDecidesTheResultAfterATimeout() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<String>().addTimeout(5, clock, (outcome, seconds) -> "gave up after " + seconds);
        AtomicReference<Object> outcome = outcomeOf(d);
        clock.advance(5);
        assertThat(outcome.get()).isEqualTo("gave up after 5.0");
    }

    @Test
    void callbackReturningItsOwnDeferredFailsTheChain() {
        Deferred<Object> d = new Deferred<>();
        d.addCallback(x -> d);
        AtomicReference<Object> outcome = outcomeOf(d);
        d.callback("x");
        assertThat(outcome.get()).isInstanceOf(Failure.class);
    }
}
