package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A child process as its {@link ProcessProtocol} sees it, as Twisted's {@code IProcessTransport}: its
 * standard input to write to, its pipes to close, signals to send.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * ProcessTransport child = reactor.spawnProcess(protocol, "cat", List.of("cat"), null, null);
 * child.write("hello\n".getBytes(US_ASCII));   // to the child's standard input
 * child.closeStdin();                            // end of input, once the bytes are written
 * child.signalProcess("TERM");                   // or stop it
 * }</pre>
 *
 * <p>Writes never block: bytes wait in a queue until the child reads them. A {@link Producer} registered
 * with {@link #registerProducer} is regulated by that queue: a push producer is paused when more than the
 * reactor's high-water mark waits, and resumed at the low-water mark; a pull producer is asked for more each
 * time the queue is empty. The transport is also a {@link PushProducer} of the child's output:
 * {@link #pauseProducing()} holds back {@code childDataReceived} and, once the pipes fill, the child.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the protocol it serves.
 */
public interface ProcessTransport extends Consumer, PushProducer {

    /** Returns the child's process id; it stays the same after the child has exited. */
    long pid();

    /**
     * Writes to the child's standard input; the same as {@link #write(ByteBuffer)}. Twisted's
     * {@code writeToChild}.
     *
     * @param childFD the child's descriptor; only 0 is supported
     * @param data the bytes, which belong to the transport until written (see {@link Consumer#write})
     * @throws IllegalArgumentException if {@code childFD} is not 0
     */
    void writeToChild(int childFD, ByteBuffer data);

    /**
     * Writes several buffers to the child's standard input, in order.
     *
     * @param data the buffers
     */
    default void writeSequence(List<ByteBuffer> data) {
        for (ByteBuffer buffer : data) {
            write(buffer);
        }
    }

    /**
     * Closes the child's standard input once everything written has gone to the child (and once a
     * registered producer has unregistered), so the child reads end of file;
     * {@link ProcessProtocol#inConnectionLost} follows. Writes after this are dropped. Calling it again does
     * nothing.
     */
    void closeStdin();

    /**
     * Stops reading the child's standard output: nothing more of it is delivered, and
     * {@link ProcessProtocol#outConnectionLost} follows at once. The pipe itself is closed when the thread
     * reading it next wakes (at the child's next write, or its exit), after which the child's writes fail
     * with a broken pipe.
     */
    void closeStdout();

    /** As {@link #closeStdout()}, for standard error. */
    void closeStderr();

    /**
     * Closes the child's descriptor {@code childFD}: {@link #closeStdin()} for 0, {@link #closeStdout()}
     * for 1, {@link #closeStderr()} for 2.
     *
     * @param childFD 0, 1 or 2
     * @throws IllegalArgumentException if {@code childFD} is another number
     */
    void closeChildFD(int childFD);

    /**
     * Closes standard input (after what was written has gone), then standard error and standard output, as
     * Twisted does; the child is not signalled. {@link ProcessProtocol#processEnded} follows when it exits.
     */
    void loseConnection();

    /**
     * Sends a signal to the child.
     *
     * <p>{@code "TERM"} and {@code "KILL"} go through the JDK ({@link java.lang.Process#destroy()} and
     * {@link java.lang.Process#destroyForcibly()}). {@code "INT"}, {@code "HUP"}, {@code "QUIT"},
     * {@code "ABRT"} and {@code "ALRM"} are sent by running {@code /bin/kill -s NAME pid} on a virtual
     * thread, since the JDK has no API for them; if that fails, the failure is logged. Other names are
     * refused.
     *
     * @param signal the signal's name without {@code SIG}: TERM, KILL, INT, HUP, QUIT, ABRT or ALRM
     * @throws ProcessExitedAlready if the child has exited already
     * @throws IllegalArgumentException if {@code signal} is not one of those names
     */
    void signalProcess(String signal);

    /** Pauses delivery of the child's output; see {@link ProcessTransport}. */
    @Override
    void pauseProducing();

    /** Resumes delivery of the child's output after {@link #pauseProducing()}. */
    @Override
    void resumeProducing();

    /** The same as {@link #loseConnection()}. */
    @Override
    void stopProducing();
}
