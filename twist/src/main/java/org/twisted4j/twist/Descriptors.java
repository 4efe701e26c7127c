package org.twisted4j.twist;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;

/** The file descriptor calls of libc the JDK does not offer ({@code dup}, {@code dup2}, {@code close}), by JNA. */
final class Descriptors {

    /** The libc calls used. */
    private interface LibC extends Library {
        int dup(int fd) throws LastErrorException;

        int dup2(int fd, int fd2) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** Loaded on first use, so that nothing native is loaded unless a feature needs it. */
    private static final class Native0 {
        static final LibC C = Native.load("c", LibC.class);
    }

    private Descriptors() {
    }

    /** Returns a new descriptor for what {@code fd} refers to, as {@code dup(2)}. */
    static int dup(int fd) throws IOException {
        try {
            return Native0.C.dup(fd);
        } catch (LastErrorException e) {
            throw new IOException("dup(" + fd + "): " + e.getMessage(), e);
        }
    }

    /** Makes {@code target} refer to what {@code fd} refers to, as {@code dup2(2)}. */
    static void dup2(int fd, int target) throws IOException {
        try {
            Native0.C.dup2(fd, target);
        } catch (LastErrorException e) {
            throw new IOException("dup2(" + fd + ", " + target + "): " + e.getMessage(), e);
        }
    }

    /** Closes {@code fd}, as {@code close(2)}; an error is ignored (the descriptor is gone either way). */
    static void close(int fd) {
        try {
            Native0.C.close(fd);
        } catch (LastErrorException e) {
            // nothing more to do
        }
    }
}
