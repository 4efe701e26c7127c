package org.twisted4j.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.defer.Outcomes.failureOf;
import static org.twisted4j.defer.Outcomes.valueOf;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredQueueTest {
    private final List<String> gotten = new ArrayList<>();

    private Deferred<String> getInto(DeferredQueue<String> queue) {
        return queue.get().addCallback(s -> {
            gotten.add(s);
            return s;
        });
    }

    @Test
    void getOfAQueueHoldingObjectsFiresAtOnceInPutOrder() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        queue.put("a");
        queue.put("b");
        assertThat(queue.pending()).containsExactly("a", "b");
        assertThat(valueOf(queue.get())).isEqualTo("a");
        assertThat(valueOf(queue.get())).isEqualTo("b");
        assertThat(queue.pending()).isEmpty();
    }

    @Test
    void putHandsObjectsStraightToWaitingGetsInTheOrderTheyAsked() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        Deferred<String> first = queue.get();
        Deferred<String> second = queue.get();
        assertThat(queue.waiting()).isEqualTo(2);

        queue.put("x");
        assertThat(valueOf(first)).isEqualTo("x");
        assertThat(second.isCalled()).isFalse();
        queue.put("y");
        assertThat(valueOf(second)).isEqualTo("y");
        assertThat(queue.pending()).isEmpty();
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void putBeyondTheSizeOverflowsUnlessAGetIsWaiting() {
        DeferredQueue<String> queue = new DeferredQueue<>(2, DeferredQueue.UNLIMITED);
        queue.put("1");
        queue.put("2");
        assertThatThrownBy(() -> queue.put("3")).isInstanceOf(QueueOverflow.class);
        assertThat(queue.pending()).containsExactly("1", "2");

        DeferredQueue<String> rendezvous = new DeferredQueue<>(0, DeferredQueue.UNLIMITED);
        assertThatThrownBy(() -> rendezvous.put("no taker")).isInstanceOf(QueueOverflow.class);
        Deferred<String> taker = rendezvous.get();
        rendezvous.put("taken");
        assertThat(valueOf(taker)).isEqualTo("taken");
    }

    @Test
    void getBeyondTheBacklogUnderflowsUnlessAnObjectIsWaiting() {
        DeferredQueue<String> queue = new DeferredQueue<>(DeferredQueue.UNLIMITED, 2);
        queue.get();
        queue.get();
        assertThatThrownBy(queue::get).isInstanceOf(QueueUnderflow.class);
        assertThat(queue.waiting()).isEqualTo(2);

        DeferredQueue<String> noBacklog = new DeferredQueue<>(DeferredQueue.UNLIMITED, 0);
        assertThatThrownBy(noBacklog::get).isInstanceOf(QueueUnderflow.class);
        noBacklog.put("ready");
        assertThat(valueOf(noBacklog.get())).isEqualTo("ready");
    }

    @Test
    void limitsApplyTogetherAsInTwistedsOwnScenario() {
        DeferredQueue<String> queue = new DeferredQueue<>(2, 2);
        getInto(queue);
        getInto(queue);
        assertThatThrownBy(queue::get).isInstanceOf(QueueUnderflow.class);
        queue.put("0");
        queue.put("1");
        assertThat(gotten).containsExactly("0", "1");
        queue.put("2");
        queue.put("3");
        assertThatThrownBy(() -> queue.put("4")).isInstanceOf(QueueOverflow.class);
        getInto(queue);
        getInto(queue);
        assertThat(gotten).containsExactly("0", "1", "2", "3");
    }

    @Test
    void cancelOfAWaitingGetTakesItOutOfTheQueue() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        Deferred<String> cancelled = queue.get();
        Deferred<String> next = queue.get();
        cancelled.cancel();
        assertThat(failureOf(cancelled)).isInstanceOf(CancelledError.class);
        assertThat(queue.waiting()).isEqualTo(1);

        queue.put("for next");
        assertThat(valueOf(next)).isEqualTo("for next");
        queue.put("kept");
        assertThat(queue.pending()).containsExactly("kept");
    }

    @Test
    void cancelOfAGetThatFiredChangesNothing() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        Deferred<String> got = queue.get();
        queue.put("mine");
        got.cancel();
        assertThat(valueOf(got)).isEqualTo("mine");
    }

    @Test
    void negativeLimitsAndNullObjectsAreRefused() {
        assertThatThrownBy(() -> new DeferredQueue<String>(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeferredQueue<String>(0, -1)).isInstanceOf(IllegalArgumentException.class);
        DeferredQueue<String> queue = new DeferredQueue<>();
        assertThatThrownBy(() -> queue.put(nullString())).isInstanceOf(NullPointerException.class);
        assertThat(queue.size()).isEqualTo(DeferredQueue.UNLIMITED);
        assertThat(queue.backlog()).isEqualTo(DeferredQueue.UNLIMITED);
    }

    /** A null where the type says there is none, as a careless caller might pass. */
    private static String nullString() {
        return null;
    }
}
