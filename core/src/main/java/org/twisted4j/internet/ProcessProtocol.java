package org.twisted4j.internet;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * The code that talks to one child process, as Twisted's {@code ProcessProtocol}: it is told when the
 * child is started, when it writes to its standard output or error, when each of its pipes closes, and when
 * it has exited; it writes to the child's standard input through its {@link ProcessTransport}.
 *
 * <h2>Using it</h2>
 * Subclass it and override the events you care about; each does nothing by default.
 *
 * <pre>{@code
 * final class Sort extends ProcessProtocol {
 *     final Deferred<String> done = new Deferred<>();
 *     private final ByteArrayOutputStream out = new ByteArrayOutputStream();
 *
 *     public void connectionMade() {
 *         transport().write("b\na\n".getBytes(US_ASCII));
 *         transport().closeStdin();
 *     }
 *
 *     public void outReceived(ByteBuffer data) {
 *         byte[] bytes = new byte[data.remaining()];
 *         data.get(bytes);
 *         out.writeBytes(bytes);
 *     }
 *
 *     public void processEnded(Failure reason) {
 *         if (reason.check(ProcessDone.class) != null) {
 *             done.callback(out.toString(US_ASCII));
 *         } else {
 *             done.errback(reason);
 *         }
 *     }
 * }
 * reactor.spawnProcess(new Sort(), "sort", List.of("sort"), null, null);
 * }</pre>
 *
 * <h2>The life of a process protocol</h2>
 * {@link #makeConnection} attaches the transport and calls {@link #connectionMade()}, before
 * {@code spawnProcess} returns. Then, in any interleaving between the descriptors: {@link #childDataReceived}
 * for output of descriptor 1 (standard output) and 2 (standard error), and {@link #childConnectionLost}
 * once for each of 0, 1 and 2, always after all of that descriptor's data. {@link #processExited} comes
 * once, as soon as the child's exit is known, possibly before its output is all delivered;
 * {@link #processEnded} comes once, last of all, when the child has exited and all three pipes are closed.
 * Both receive a {@link ProcessDone} for exit code 0 and a {@link ProcessTerminated} otherwise.
 *
 * <h2>Threading</h2>
 * Reactor thread only: every method is called on the reactor's thread, one at a time.
 *
 * <h2>Pitfalls</h2>
 * Output arrives in pieces of any size, like bytes on a connection. When the child exits, the JDK takes
 * what waits in its output pipes and closes them, even if children of the child still hold them open: what
 * those write afterwards may be lost, and {@code processEnded} may or may not wait for them.
 */
public abstract class ProcessProtocol {

    private @Nullable ProcessTransport transport;

    /** For subclasses. */
    protected ProcessProtocol() {
    }

    /**
     * Attaches this protocol to its child process and calls {@link #connectionMade()}. Called by the
     * reactor once; an override must call this one.
     *
     * @param transport the transport of the new child
     * @throws IllegalStateException if this protocol is already attached to a transport
     */
    public void makeConnection(ProcessTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (this.transport != null) {
            throw new IllegalStateException("protocol " + this + " is already connected to " + this.transport);
        }
        this.transport = transport;
        connectionMade();
    }

    /** Called when the child has started and {@link #transport()} is ready. Does nothing by default. */
    public void connectionMade() {
    }

    /**
     * Called with output of the child on descriptor {@code childFD}: calls {@link #outReceived} for 1 and
     * {@link #errReceived} for 2.
     *
     * <p>{@code data} holds the bytes between its position and limit and is valid only during this call;
     * copy what must be kept.
     *
     * @param childFD the child's descriptor the bytes came from, 1 or 2
     * @param data the bytes; never empty
     */
    public void childDataReceived(int childFD, ByteBuffer data) {
        switch (childFD) {
            case 1 -> outReceived(data);
            case 2 -> errReceived(data);
            default -> { }
        }
    }

    /**
     * Called with bytes the child wrote to its standard output. Does nothing by default.
     *
     * @param data the bytes, valid only during this call; never empty
     */
    public void outReceived(ByteBuffer data) {
    }

    /**
     * Called with bytes the child wrote to its standard error. Does nothing by default.
     *
     * @param data the bytes, valid only during this call; never empty
     */
    public void errReceived(ByteBuffer data) {
    }

    /**
     * Called once for each of the child's descriptors 0, 1 and 2 when the pipe to it has closed: calls
     * {@link #inConnectionLost}, {@link #outConnectionLost} or {@link #errConnectionLost}.
     *
     * @param childFD the child's descriptor, 0, 1 or 2
     */
    public void childConnectionLost(int childFD) {
        switch (childFD) {
            case 0 -> inConnectionLost();
            case 1 -> outConnectionLost();
            case 2 -> errConnectionLost();
            default -> { }
        }
    }

    /**
     * Called when the child's standard input has closed: this side closed it and what was written has gone
     * to the child, or the child can take no more (it closed it or exited). Does nothing by default.
     */
    public void inConnectionLost() {
    }

    /** Called when the child's standard output has closed, after all of it was delivered. Does nothing. */
    public void outConnectionLost() {
    }

    /** Called when the child's standard error has closed, after all of it was delivered. Does nothing. */
    public void errConnectionLost() {
    }

    /**
     * Called once when the child has exited, perhaps before all its output is delivered. Does nothing by
     * default.
     *
     * @param reason a {@link ProcessDone} for exit code 0, a {@link ProcessTerminated} otherwise
     */
    public void processExited(Failure reason) {
    }

    /**
     * Called once, last, when the child has exited and its three pipes have closed. Does nothing by
     * default.
     *
     * @param reason a {@link ProcessDone} for exit code 0, a {@link ProcessTerminated} otherwise
     */
    public void processEnded(Failure reason) {
    }

    /**
     * Returns the transport of this protocol's child.
     *
     * @throws IllegalStateException if {@link #makeConnection} has not been called yet
     */
    public final ProcessTransport transport() {
        ProcessTransport current = transport;
        if (current == null) {
            throw new IllegalStateException("protocol " + this + " is not connected yet");
        }
        return current;
    }
}
