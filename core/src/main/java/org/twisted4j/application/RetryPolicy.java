package org.twisted4j.application;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a {@link ClientService} waits before trying to connect again, as the {@code retryPolicy} of
 * Twisted's {@code ClientService}.
 *
 * <pre>{@code
 * RetryPolicy.backoff()                                     // Twisted's default: 1 s growing by 1.5 to 60 s, plus up to 1 s of jitter
 * RetryPolicy.backoff(0.5, 30, 2, () -> 0)                  // 1, 2, 4, ... 30 s, no jitter
 * attempts -> 5                                             // always 5 s
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called on the reactor thread; a policy given to several services should not keep mutable state.
 */
@FunctionalInterface
public interface RetryPolicy {

    /** The delay the default backoff starts from, in seconds. */
    double DEFAULT_INITIAL_DELAY = 1.0;

    /** The most the default backoff waits before jitter is added, in seconds. */
    double DEFAULT_MAX_DELAY = 60.0;

    /** How much the default backoff's delay grows after each failure. */
    double DEFAULT_FACTOR = 1.5;

    /**
     * Returns how long to wait before the next attempt.
     *
     * @param failedAttempts how many attempts in a row have failed, counting the one that just did, or (after
     *     a connection was lost) 1
     * @return the delay in seconds; a negative or NaN delay counts as zero
     */
    double delay(int failedAttempts);

    /**
     * Returns Twisted's default policy: {@link #backoff(double, double, double, DoubleSupplier)} with a
     * 1 second initial delay, factor 1.5, at most 60 seconds, plus a random jitter between 0 and 1 second.
     */
    static RetryPolicy backoff() {
        return backoff(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_FACTOR,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Returns an exponential backoff, as Twisted's {@code backoffPolicy}: after {@code n} failed attempts
     * it waits {@code min(initialDelay * factor^min(n, 100), maxDelay) + jitter()} seconds. So with the
     * defaults the first retry comes after 1.5 seconds (plus jitter), the next after 2.25, and so on.
     *
     * @param initialDelay the base of the delay, in seconds
     * @param maxDelay the most the delay grows to before jitter is added, in seconds
     * @param factor how much the delay grows with each failed attempt
     * @param jitter noise added to every delay, to keep many clients from retrying in step; {@code () -> 0}
     *     for none
     * @return the policy
     * @throws IllegalArgumentException if a number is negative or not finite
     */
    static RetryPolicy backoff(double initialDelay, double maxDelay, double factor, DoubleSupplier jitter) {
        checkNonNegative("initialDelay", initialDelay);
        checkNonNegative("maxDelay", maxDelay);
        checkNonNegative("factor", factor);
        Objects.requireNonNull(jitter, "jitter");
        return attempts -> {
            double grown = initialDelay * Math.pow(factor, Math.min(100, attempts));
            return (Double.isNaN(grown) ? maxDelay : Math.min(grown, maxDelay)) + jitter.getAsDouble();
        };
    }

    private static void checkNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be zero or more and finite, not " + value);
        }
    }
}
