package org.twisted4j.twist;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;

/**
 * Turns one inherited listening descriptor into a {@link ServerSocketChannel}, the one way the JDK allows
 * without reflection into its internals: the descriptor is put in place of standard input
 * ({@code dup2(fd, 0)}, through JNA) and {@link System#inheritedChannel()} wraps it, as it does for a
 * server started by inetd; then standard input is put back and the passed descriptor closed, the channel
 * holding its own copy.
 *
 * <h2>Limits</h2>
 * The JDK makes its inherited channel once per process, so one socket can be adopted per process, and
 * only if nothing called {@code System.inheritedChannel()} before. When that channel is closed the JDK
 * points descriptors 0, 1 and 2 at {@code /dev/null} (inetd's convention): {@link #restoreStandardStreams()}
 * puts back the copies taken before, so the log on standard output (systemd's journal) keeps working after
 * the port has stopped.
 *
 * <p>Any thread; adoption is serialised.
 */
final class InheritedSocket {

    private static int adopted = -1;
    private static int savedIn = -1;
    private static int savedOut = -1;
    private static int savedErr = -1;

    private InheritedSocket() {
    }

    /**
     * Adopts descriptor {@code fd}, a listening stream socket.
     *
     * @throws IOException if the descriptor cannot be moved or is not a listening stream socket
     * @throws IllegalStateException if a socket was adopted already
     */
    static synchronized ServerSocketChannel adopt(int fd) throws IOException {
        if (adopted >= 0) {
            throw new IllegalStateException("descriptor " + adopted + " is adopted already, and a JVM can adopt"
                    + " one inherited socket (System.inheritedChannel), not also " + fd);
        }
        adopted = fd;
        savedIn = Descriptors.dup(0);
        savedOut = Descriptors.dup(1);
        savedErr = Descriptors.dup(2);
        Channel channel;
        try {
            Descriptors.dup2(fd, 0);
            channel = System.inheritedChannel();
        } finally {
            Descriptors.dup2(savedIn, 0);
        }
        if (!(channel instanceof ServerSocketChannel server)) {
            if (channel != null) {
                channel.close();
                restoreStandardStreams();
            }
            throw new IOException("descriptor " + fd + " is not a listening stream socket"
                    + (channel == null ? "" : " (it is a " + channel.getClass().getSimpleName() + ")"));
        }
        Descriptors.close(fd);
        return server;
    }

    /** Puts back standard input, output and error after the adopted channel was closed. */
    static synchronized void restoreStandardStreams() {
        try {
            if (savedOut >= 0) {
                Descriptors.dup2(savedIn, 0);
                Descriptors.dup2(savedOut, 1);
                Descriptors.dup2(savedErr, 2);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore standard input, output and error", e);
        }
    }
}
