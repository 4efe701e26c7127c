package org.twisted4j.internet;

import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The keys one select of a {@link SelectorLoop} found ready, handed to their {@link Selectable}s in the order
 * they were last handed over, least recently first. Reactor thread only.
 *
 * <p>Why not in the selector's order: on Linux the JDK's selector uses level-triggered epoll, which reports
 * the channels still ready in the order it reported them before, and a channel whose bytes arrive after a
 * select began behind all of those. Under steady load, the connection handled last in a turn gets its peer's
 * next bytes just after the next select began and misses that turn; reported last in the one after, it
 * waits two turns for those bytes, and does again each time. Handed over least recently handled first, a
 * channel that missed a turn goes first in the next, and keeps its place in the turns after (the selector
 * would put it back last: ordering by turn alone, with the selector's order within a turn, moves the second
 * wait to the turn after).
 *
 * <p>Cost: one number per channel, kept on its {@link Selectable}, and one counter. The keys are collected
 * into an array kept from turn to turn, so a turn allocates nothing, and put in order in place by an
 * insertion sort: one comparison per key when they are in order already, and one move for each key a late
 * one passes; past {@value #INSERTION_SORT_LIMIT} keys by the JDK's merge sort instead.
 */
final class ReadyKeys {
    /** The most keys put in order by an insertion sort. */
    static final int INSERTION_SORT_LIMIT = 64;

    private static final Comparator<SelectionKey> LEAST_RECENTLY_HANDLED =
            Comparator.comparingLong(ReadyKeys::lastHandled);

    private SelectionKey[] keys = new SelectionKey[INSERTION_SORT_LIMIT];
    private int count;
    private long handovers;

    /** Collects {@code key}, which a select found ready, if a {@link Selectable} is attached to it. */
    void add(SelectionKey key) {
        if (!(key.attachment() instanceof Selectable)) {
            return;
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
        }
        keys[count++] = key;
    }

    /**
     * Hands each collected key's readiness to its {@link Selectable}, least recently handled first (keys never
     * handled first of all, in the selector's order), skipping keys cancelled meanwhile (as by the handling of
     * an earlier one), and forgets the keys.
     */
    void handleAll() {
        try {
            order();
            for (int i = 0; i < count; i++) {
                handle(keys[i]);
            }
        } finally {
            Arrays.fill(keys, 0, count, null);
            count = 0;
        }
    }

    private void order() {
        if (count > INSERTION_SORT_LIMIT) {
            Arrays.sort(keys, 0, count, LEAST_RECENTLY_HANDLED);
            return;
        }
        for (int i = 1; i < count; i++) {
            SelectionKey key = keys[i];
            long handled = lastHandled(key);
            int j = i;
            while (j > 0 && lastHandled(keys[j - 1]) > handled) {
                keys[j] = keys[j - 1];
                j--;
            }
            keys[j] = key;
        }
    }

    private void handle(SelectionKey key) {
        if (key.attachment() instanceof Selectable selectable && key.isValid()) {
            selectable.handled(++handovers);
            try {
                selectable.ready(key.readyOps());
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable error) {
                ReactorLog.error("unexpected error handling " + selectable, error);
            }
        }
    }

    private static long lastHandled(SelectionKey key) {
        return ((Selectable) key.attachment()).lastHandled();
    }
}
