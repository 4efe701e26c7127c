package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.NONE;
import static org.twisted4j.defer.Outcomes.cancelledWith;
import static org.twisted4j.defer.Outcomes.failureOf;
import static org.twisted4j.defer.Outcomes.outcomeOf;
import static org.twisted4j.defer.Outcomes.valueOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.DeferredList.AllFailed;
import org.twisted4j.defer.DeferredList.FirstResult;
import org.twisted4j.defer.DeferredList.FirstSuccess;
import org.twisted4j.defer.DeferredList.Result;

class DeferredListTest {

    @Test
    void resultsComeInTheOrderGivenWhateverOrderTheDeferredsFireIn() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<String> third = new Deferred<>();
        Deferred<List<Result<String>>> list = DeferredList.of(List.of(first, second, third));
        IOException boom = new IOException("boom");

        third.callback("c");
        first.errback(boom);
        first.addErrback(f -> "handled");
        assertThat(list.isCalled()).isFalse();
        second.callback("b");

        List<Result<String>> results = valueOf(list);
        assertThat(results).hasSize(3);
        assertThat(results.get(0).succeeded()).isFalse();
        assertThat(results.get(0).failure().value()).isSameAs(boom);
        assertThat(results.subList(1, 3)).containsExactly(Result.success("b"), Result.success("c"));
    }

    @Test
    void deferredsThatAlreadyFiredAreRecordedWhileTheListIsBuilt() {
        Deferred<Integer> failed = Deferred.fail(new IOException("early"));
        Deferred<List<Result<Integer>>> list = DeferredList.of(List.of(Deferred.succeed(1), failed));
        failed.addErrback(f -> 0);
        List<Result<Integer>> results = valueOf(list);
        assertThat(results).hasSize(2).first().isEqualTo(Result.success(1));
        assertThat(results.get(1).failure().value()).hasMessage("early");
    }

    @Test
    void emptyListFiresAtOnceWithAnEmptyList() {
        assertThat(outcomeOf(DeferredList.<String>of(List.of())).get()).isEqualTo(List.of());
    }

    @Test
    void emptyListWithFireOnOneCallbackNeverFires() {
        Deferred<FirstResult<String>> list = DeferredList.<String>builder(List.of()).fireOnOneCallback().build();
        assertThat(list.isCalled()).isFalse();
    }

    @Test
    void fireOnOneCallbackFiresAtTheFirstSuccessWithItsValueAndIndex() {
        Deferred<String> failing = new Deferred<>();
        Deferred<String> succeeding = new Deferred<>();
        Deferred<String> neverFired = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(
                DeferredList.builder(List.of(failing, succeeding, neverFired)).fireOnOneCallback().build());

        failing.errback(new IOException("not this one"));
        failing.addErrback(f -> "handled");
        assertThat(outcome.get()).isEqualTo(NONE);
        succeeding.callback("winner");

        assertThat(outcome.get()).isEqualTo(new FirstSuccess<>("winner", 1));
        assertThat(neverFired.isCalled()).isFalse();
    }

    @Test
    void fireOnOneCallbackFiresWithEveryFailureWhenNoneSucceeds() {
        IOException one = new IOException("one");
        IOException two = new IOException("two");
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<FirstResult<String>> list = DeferredList.builder(List.of(first, second))
                .fireOnOneCallback().consumeErrors().build();

        second.errback(two);
        assertThat(list.isCalled()).isFalse();
        first.errback(one);

        List<Throwable> errors = switch (valueOf(list)) {
            case FirstSuccess<String> success -> throw new AssertionError("no success expected: " + success);
            case AllFailed<String>(List<Failure> failures) -> failures.stream().map(Failure::value).toList();
        };
        assertThat(errors).containsExactly(one, two);
    }

    @Test
    void fireOnOneErrbackFailsAtTheFirstFailureWithFirstErrorAndIndex() {
        Deferred<String> succeeding = new Deferred<>();
        Deferred<String> failing = new Deferred<>();
        Deferred<String> failingLater = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(DeferredList.builder(List.of(succeeding, failing, failingLater))
                .fireOnOneErrback().consumeErrors().build());

        succeeding.callback("fine");
        assertThat(outcome.get()).isEqualTo(NONE);
        Failure failure = new Failure(new IOException("first"));
        failing.errback(failure);

        assertThat(outcome.get()).isInstanceOfSatisfying(Failure.class, f -> {
            FirstError first = (FirstError) f.value();
            assertThat(first.failure()).isSameAs(failure);
            assertThat(first.index()).isEqualTo(1);
            assertThat(first.getCause()).isSameAs(failure.value());
        });
        failingLater.errback(new IOException("too late to matter, and no AlreadyCalledError"));
    }

    @Test
    void fireOnOneErrbackFailsAtOnceWhenAGivenDeferredHasAlreadyFailed() {
        Deferred<String> failed = Deferred.fail(new IOException("early"));
        Deferred<List<Result<String>>> list = DeferredList.builder(List.of(failed, new Deferred<String>()))
                .fireOnOneErrback().consumeErrors().build();
        assertThat(failureOf(list)).isInstanceOfSatisfying(FirstError.class, e -> assertThat(e.index()).isZero());
    }

    @Test
    void withoutConsumeErrorsTheFailureCarriesOnDownTheGivenDeferredsChain() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> listOutcome = outcomeOf(DeferredList.of(List.of(d)));
        Failure failure = new Failure(new IOException("bang"));
        d.errback(failure);

        assertThat(outcomeOf(d).get()).isSameAs(failure);
        assertThat(listOutcome.get()).isEqualTo(List.of(Result.failed(failure)));
    }

    @Test
    void consumeErrorsTurnsTheFailureIntoNullOnTheGivenDeferredsChain() {
        Deferred<String> d = new Deferred<>();
        AtomicReference<Object> listOutcome = outcomeOf(DeferredList.builder(List.of(d)).consumeErrors().build());
        Failure failure = new Failure(new IOException("bang"));
        d.errback(failure);

        List<Object> seenLater = new ArrayList<>();
        d.addCallbacks(value -> seenLater.add("value " + value), f -> seenLater.add("failure " + f));
        assertThat(seenLater).containsExactly("value null");
        assertThat(listOutcome.get()).isEqualTo(List.of(Result.failed(failure)));
    }

    @Test
    void valuesPassOnDownTheGivenDeferredsChainUnchanged() {
        Deferred<String> d = new Deferred<>();
        DeferredList.builder(List.of(d)).consumeErrors().build();
        d.callback("kept");
        assertThat(outcomeOf(d).get()).isEqualTo("kept");
    }

    @Test
    void laterChangesToTheGivenListAreIgnored() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> added = new Deferred<>();
        List<Deferred<String>> given = new ArrayList<>(List.of(first));
        Deferred<List<Result<String>>> list = DeferredList.of(given);
        given.add(added);

        first.callback("only");
        assertThat(outcomeOf(list).get()).isEqualTo(List.of(Result.success("only")));
        list.cancel();
        assertThat(added.isCalled()).isFalse();
    }

    @Test
    void cancelCancelsEveryGivenDeferredAndReportsTheirOutcomes() {
        Deferred<String> plain = new Deferred<>();
        Deferred<String> answering = cancelledWith("Callback Result");
        Deferred<List<Result<String>>> list = DeferredList.builder(List.of(plain, answering)).consumeErrors().build();
        list.cancel();

        List<Result<String>> results = valueOf(list);
        assertThat(results.get(0).failure().value()).isInstanceOf(CancelledError.class);
        assertThat(results.get(1)).isEqualTo(Result.success("Callback Result"));
        assertThat(results).hasSize(2);
    }

    @Test
    void cancelWithFireOnOneErrbackFailsWithTheFirstCancellation() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<List<Result<String>>> list = DeferredList.builder(List.of(first, second))
                .fireOnOneErrback().consumeErrors().build();
        list.cancel();

        assertThat(second.isCalled()).isTrue();
        assertThat(failureOf(list)).isInstanceOfSatisfying(FirstError.class, e -> {
            assertThat(e.index()).isZero();
            assertThat(e.failure().value()).isInstanceOf(CancelledError.class);
        });
    }

    @Test
    void cancelWithFireOnOneCallbackFiresWithACancellerThatCalledBack() {
        Deferred<String> answering = cancelledWith("Callback Result");
        Deferred<String> plain = new Deferred<>();
        Deferred<FirstResult<String>> list = DeferredList.builder(List.of(answering, plain))
                .fireOnOneCallback().consumeErrors().build();
        list.cancel();

        assertThat(plain.isCalled()).isTrue();
        assertThat(outcomeOf(list).get()).isEqualTo(new FirstSuccess<>("Callback Result", 0));
    }

    @Test
    void cancelAfterTheListFiredLeavesTheOtherDeferredsAlone() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<FirstResult<String>> list = DeferredList.builder(List.of(first, second)).fireOnOneCallback().build();
        first.callback("done");
        list.cancel();

        assertThat(second.isCalled()).isFalse();
        assertThat(outcomeOf(list).get()).isEqualTo(new FirstSuccess<>("done", 0));
    }

    @Test
    void cancelGoesOnPastACancellerThatThrows() {
        Deferred<String> throwing = new Deferred<>(d -> {
            throw new IllegalStateException("canceller broke");
        });
        Deferred<String> plain = new Deferred<>();
        Deferred<List<Result<String>>> list = DeferredList.of(List.of(throwing, plain));
        list.cancel();

        assertThat(failureOf(plain)).isInstanceOf(CancelledError.class);
        assertThat(throwing.isCalled()).isFalse();
        assertThat(failureOf(list)).isInstanceOf(CancelledError.class);
        throwing.callback("late result is dropped by the list");
    }

    @Test
    void resultHoldsEitherAValueOrAFailure() {
        Failure failure = new Failure(new IOException("x"));
        assertThatThrownBy(() -> new Result<>(true, "v", failure)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Result<>(false, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Result<>(false, "v", failure)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Result.success(null).succeeded()).isTrue();
        assertThat(Result.failed(failure).failure()).isSameAs(failure);
    }

    @Test
    void gatherResultsFiresWithTheValuesInTheOrderGiven() {
        Deferred<Integer> first = new Deferred<>();
        Deferred<Integer> second = new Deferred<>();
        AtomicReference<Object> outcome = outcomeOf(Deferred.gatherResults(List.of(first, second)));
        second.callback(2);
        assertThat(outcome.get()).isEqualTo(NONE);
        first.callback(1);
        assertThat(outcome.get()).isEqualTo(List.of(1, 2));
    }

    @Test
    void gatherResultsOfNothingFiresAtOnceWithAnEmptyList() {
        assertThat(outcomeOf(Deferred.<String>gatherResults(List.of())).get()).isEqualTo(List.of());
    }

    @Test
    void gatherResultsFailsWithFirstErrorAndLeavesTheFailureOnTheGivenDeferred() {
        Deferred<Integer> failed = Deferred.fail(new IOException("broken"));
        Deferred<List<Integer>> gathered = Deferred.gatherResults(List.of(Deferred.succeed(1), failed));

        assertThat(failureOf(gathered)).isInstanceOfSatisfying(FirstError.class, e -> {
            assertThat(e.index()).isEqualTo(1);
            assertThat(e.failure().value()).hasMessage("broken");
        });
        assertThat(failureOf(failed)).hasMessage("broken");
    }

    @Test
    void gatherResultsWithConsumeErrorsHandlesTheGivenDeferredsFailure() {
        Deferred<Integer> failed = Deferred.fail(new IOException("broken"));
        Deferred<List<Integer>> gathered = Deferred.gatherResults(List.of(Deferred.succeed(1), failed), true);

        assertThat(failureOf(gathered)).isInstanceOf(FirstError.class);
        assertThat(outcomeOf(failed).get()).isNull();
    }

    @Test
    void cancelOfGatherResultsCancelsEveryGivenDeferred() {
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        Deferred<List<String>> gathered = Deferred.gatherResults(List.of(first, second), true);
        gathered.cancel();

        assertThat(second.isCalled()).isTrue();
        assertThat(failureOf(gathered)).isInstanceOfSatisfying(FirstError.class,
                e -> assertThat(e.failure().value()).isInstanceOf(CancelledError.class));
    }

    @Test
    void cancelOfGatherResultsWhoseCancellersCallBackFiresWithTheirValues() {
        Deferred<List<String>> gathered = Deferred.gatherResults(List.of(cancelledWith("a"), cancelledWith("b")));
        gathered.cancel();
        assertThat(outcomeOf(gathered).get()).isEqualTo(List.of("a", "b"));
    }
}
