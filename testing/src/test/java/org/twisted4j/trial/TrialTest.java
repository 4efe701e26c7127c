package org.twisted4j.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.NioReactor;

class TrialTest {
    private final Trial trial = new Trial(new NioReactor());

    @Test
    void successResultOfReturnsTheResultAndFailsWithoutOne() {
        assertThat(trial.successResultOf(Deferred.succeed("done"))).isEqualTo("done");
        assertThatThrownBy(() -> trial.successResultOf(new Deferred<String>()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("found no result");
        assertThatThrownBy(() -> trial.successResultOf(Deferred.fail(new IOException("x"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("found failure result");
    }

    @Test
    void failureResultOfReturnsTheFailureOfAnExpectedType() {
        Failure failure = trial.failureResultOf(Deferred.fail(new IOException("x")), IOException.class);
        assertThat(failure.value()).hasMessage("x");
        assertThatThrownBy(() -> trial.failureResultOf(Deferred.fail(new IOException("x")), IllegalStateException.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("found type java.io.IOException");
        assertThatThrownBy(() -> trial.failureResultOf(Deferred.succeed("v")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("found success result (v)");
    }

    @Test
    void assertNoResultPassesOnlyBeforeTheDeferredFires() {
        Deferred<String> d = new Deferred<>();
        trial.assertNoResult(d);
        d.callback("now");
        assertThatThrownBy(() -> trial.assertNoResult(d)).isInstanceOf(AssertionError.class);
    }

    @Test
    void lookingAtADeferredThatHasNotFiredLeavesItsLaterResultToTheChain() {
        Deferred<String> d = new Deferred<>();
        trial.assertNoResult(d);
        d.callback("later");
        assertThat(trial.successResultOf(d)).isEqualTo("later");
    }
}
