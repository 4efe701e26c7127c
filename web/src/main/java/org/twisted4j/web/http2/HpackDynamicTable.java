package org.twisted4j.web.http2;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The dynamic table of RFC 7541 §2.3.2 and §4: newest entry first, its size the sum of the entries' sizes, the
 * oldest entries evicted when an addition or a smaller maximum size needs room.
 */
final class HpackDynamicTable {
    private @Nullable HeaderField[] ring = new HeaderField[16];
    private int newest;
    private int length;
    private int size;
    private int maxSize;

    HpackDynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Returns the number of entries. */
    int length() {
        return length;
    }

    /** Returns the table size as RFC 7541 §4.1 counts it. */
    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** Returns entry {@code i}, 0 being the newest. */
    HeaderField get(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i);
        }
        return Objects.requireNonNull(ring[(newest + i) & (ring.length - 1)]);
    }

    /** Sets the maximum size, evicting the oldest entries until the table fits. */
    void setMaxSize(int maxSize) {
        this.maxSize = maxSize;
        evictTo(maxSize);
    }

    /**
     * Adds {@code field} as the newest entry after evicting what it needs; a field larger than the maximum size
     * empties the table and is not added (§4.4).
     */
    void add(HeaderField field) {
        int fieldSize = field.size();
        if (fieldSize > maxSize) {
            evictTo(0);
            return;
        }
        evictTo(maxSize - fieldSize);
        if (length == ring.length) {
            grow();
        }
        newest = (newest - 1) & (ring.length - 1);
        ring[newest] = field;
        length++;
        size += fieldSize;
    }

    /**
     * Returns the index (0 newest) of the first entry equal to {@code name} and {@code value}, or -1; with
     * {@code nameOnly} the first entry with that name.
     */
    int find(String name, String value, boolean nameOnly) {
        for (int i = 0; i < length; i++) {
            HeaderField entry = get(i);
            if (entry.name().equals(name) && (nameOnly || entry.value().equals(value))) {
                return i;
            }
        }
        return -1;
    }

    private void evictTo(int target) {
        while (size > target && length > 0) {
            int oldest = (newest + length - 1) & (ring.length - 1);
            size -= Objects.requireNonNull(ring[oldest]).size();
            ring[oldest] = null;
            length--;
        }
    }

    private void grow() {
        @Nullable HeaderField[] bigger = new HeaderField[ring.length * 2];
        for (int i = 0; i < length; i++) {
            bigger[i] = get(i);
        }
        ring = bigger;
        newest = 0;
    }
}
