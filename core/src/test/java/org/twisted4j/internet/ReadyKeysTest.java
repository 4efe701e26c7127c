package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadyKeysTest {
    private final ReadyKeys readyKeys = new ReadyKeys();
    private final List<String> handled = new ArrayList<>();

    /** A selectable that notes its name when handed its readiness. */
    private class Named extends Selectable {
        final String name;
        final ReadyKey key = new ReadyKey();

        Named(String name) {
            this.name = name;
            key.attach(this);
        }

        @Override
        public void ready(int readyOps) {
            handled.add(name);
        }

        @Override
        public void reactorShutdown() {
        }
    }

    /** A selection key ready for reading, cancelled by {@link #cancel()}; no selector behind it. */
    private static final class ReadyKey extends SelectionKey {
        private boolean valid = true;

        @Override
        public SelectableChannel channel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Selector selector() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public void cancel() {
            valid = false;
        }

        @Override
        public int interestOps() {
            return OP_READ;
        }

        @Override
        public SelectionKey interestOps(int ops) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int readyOps() {
            return OP_READ;
        }
    }

    /** One turn in which a selector reports {@code ready} in that order; returns who was handed over, in order. */
    private List<String> turn(Named... ready) {
        handled.clear();
        for (Named selectable : ready) {
            readyKeys.add(selectable.key);
        }
        readyKeys.handleAll();
        return List.copyOf(handled);
    }

    @Test
    void channelThatMissedATurnIsHandledFirstInTheNextAndKeepsItsPlace() {
        Named a = new Named("a");
        Named b = new Named("b");
        Named c = new Named("c");
        assertThat(turn(a, b, c)).containsExactly("a", "b", "c");
        assertThat(turn(a, b)).containsExactly("a", "b");
        assertThat(turn(a, b, c)).containsExactly("c", "a", "b");
        assertThat(turn(a, b, c)).containsExactly("c", "a", "b");
    }

    @Test
    void channelsAreHandledInTheOrderTheyWereLastHandledWhateverTheSelectorsOrder() {
        Named a = new Named("a");
        Named b = new Named("b");
        Named c = new Named("c");
        assertThat(turn(a, b, c)).containsExactly("a", "b", "c");
        assertThat(turn(c, b, a)).containsExactly("a", "b", "c");
    }

    @Test
    void channelsNeverHandledGoFirstInTheSelectorsOrder() {
        Named a = new Named("a");
        Named b = new Named("b");
        Named c = new Named("c");
        assertThat(turn(a)).containsExactly("a");
        assertThat(turn(a, c, b)).containsExactly("c", "b", "a");
    }

    @Test
    void manyChannelsAreOrderedTheSameWay() {
        List<Named> all = IntStream.range(0, 3 * ReadyKeys.INSERTION_SORT_LIMIT)
                .mapToObj(i -> new Named("n" + i)).toList();
        List<String> names = all.stream().map(n -> n.name).toList();
        int some = ReadyKeys.INSERTION_SORT_LIMIT;
        assertThat(turn(all.toArray(Named[]::new))).isEqualTo(names);
        assertThat(turn(all.subList(0, some).toArray(Named[]::new))).isEqualTo(names.subList(0, some));
        assertThat(turn(all.toArray(Named[]::new)))
                .isEqualTo(concat(names.subList(some, names.size()), names.subList(0, some)));
    }

    @Test
    void keyCancelledByAnEarlierHandlerIsSkipped() {
        Named b = new Named("b");
        Named a = new Named("a") {
            @Override
            public void ready(int readyOps) {
                super.ready(readyOps);
                b.key.cancel();
            }
        };
        assertThat(turn(a, b)).containsExactly("a");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
