package org.twisted4j.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffGrowsByFactorFromTheFirstFailure() {
        RetryPolicy policy = RetryPolicy.backoff(1.0, 60.0, 1.5, () -> 0);

        assertThat(policy.delay(1)).isEqualTo(1.5);
        assertThat(policy.delay(2)).isEqualTo(2.25);
        assertThat(policy.delay(3)).isEqualTo(3.375);
    }

    @Test
    void backoffStopsGrowingAtMaxDelayThenAddsJitter() {
        RetryPolicy policy = RetryPolicy.backoff(1.0, 10.0, 2.0, () -> 0.25);

        assertThat(policy.delay(3)).isEqualTo(8.25);
        assertThat(policy.delay(4)).isEqualTo(10.25);
        assertThat(policy.delay(Integer.MAX_VALUE)).isEqualTo(10.25);
    }

    @Test
    void hugeGrowthIsCappedAtMaxDelay() {
        RetryPolicy policy = RetryPolicy.backoff(1e300, 60.0, 1e10, () -> 0);

        assertThat(policy.delay(1000)).isEqualTo(60.0);
    }

    @Test
    void defaultBackoffIsTwistedsWithJitterBelowOneSecond() {
        RetryPolicy policy = RetryPolicy.backoff();

        for (int i = 0; i < 20; i++) {
            assertThat(policy.delay(1)).isBetween(1.5, 2.5);
            assertThat(policy.delay(100)).isBetween(60.0, 61.0);
        }
        assertThat(policy.delay(2)).isCloseTo(2.75, within(0.5));
    }

    @Test
    void negativeOrInfiniteSettingsAreRefused() {
        assertThatThrownBy(() -> RetryPolicy.backoff(-1, 60, 1.5, () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.backoff(1, Double.POSITIVE_INFINITY, 1.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.backoff(1, 60, Double.NaN, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
