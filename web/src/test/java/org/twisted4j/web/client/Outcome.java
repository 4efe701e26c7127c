package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;

/** What a Deferred fired with, for assertions, and a body receiver that records what it is given. */
final class Outcome<T> {
    private @Nullable T value;
    private @Nullable Failure failure;
    private boolean fired;

    static <T> Outcome<T> of(Deferred<T> deferred) {
        Outcome<T> outcome = new Outcome<>();
        deferred.addCallbacks(v -> {
            outcome.fired = true;
            outcome.value = v;
            return null;
        }, f -> {
            outcome.fired = true;
            outcome.failure = f;
            return null;
        });
        return outcome;
    }

    boolean fired() {
        return fired;
    }

    T value() {
        assertThat(fired).as("fired").isTrue();
        if (failure != null) {
            throw new AssertionError("failed: " + failure.getTraceback());
        }
        return value;
    }

    Throwable failure() {
        assertThat(fired).as("fired").isTrue();
        assertThat(failure).as("failure, not " + value).isNotNull();
        return failure.value();
    }

    /** Records body events as text: pieces joined, then "|end" or "|failed: message". */
    static final class Body implements BodyReceiver {
        final StringBuilder received = new StringBuilder();
        final List<Failure> failures = new ArrayList<>();
        boolean finished;

        @Override
        public void dataReceived(ByteBuffer piece) {
            while (piece.hasRemaining()) {
                received.append((char) (piece.get() & 0xff));
            }
        }

        @Override
        public void bodyFinished() {
            finished = true;
        }

        @Override
        public void bodyFailed(Failure reason) {
            failures.add(reason);
        }
    }
}
