package org.twisted4j.internet;

import java.io.EOFException;
import java.nio.channels.FileChannel;

/**
 * The rules every backend's {@link FileRegionTransport} keeps for a region of a file: which regions are refused,
 * and how a file that shrank under its region is reported. Any thread.
 */
public final class FileRegions {
    private FileRegions() {
    }

    /**
     * Checks a region as {@link FileRegionTransport#writeFile} does.
     *
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative or their sum overflows, or
     *     {@code file} is closed
     */
    public static void check(FileChannel file, long position, long count) {
        if (position < 0 || count < 0 || position + count < 0) {
            throw new IllegalArgumentException("bad file region: " + count + " bytes from " + position);
        }
        if (!file.isOpen()) {
            throw new IllegalArgumentException("the file of a region must be open: " + file);
        }
    }

    /**
     * Returns the error that closes a connection whose region's file ended at byte {@code size}, before the
     * region's end at byte {@code end}: it was truncated after the region was queued.
     */
    public static EOFException truncated(long size, long end) {
        return new EOFException("the file ended at byte " + size + " while its region up to byte " + end
                + " was being sent: it was truncated");
    }
}
