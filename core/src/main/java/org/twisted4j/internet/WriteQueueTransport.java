package org.twisted4j.internet;

/**
 * A {@link Transport} that tells whether it still holds buffers it was given to write: so that a writer
 * filling one buffer of its own again and again (the TLS layer with its records, say) may hand over that
 * buffer itself when the transport holds nothing, and fill it again once the transport has let go of it,
 * rather than handing over a fresh copy each time.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * if (transport instanceof WriteQueueTransport queue && !queue.holdsWrites()) {
 *     transport.write(mine);                  // likely sent at once, in full
 *     reusable = !queue.holdsWrites();        // else the transport keeps mine until it is sent
 * } else {
 *     transport.write(copyOf(mine));          // queued behind earlier writes: mine would be kept
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only, like the transport.
 *
 * <h2>Pitfalls</h2>
 * The answer holds only until the next call that writes or lets the reactor run: a buffer the transport
 * kept is written on a later writable turn, so ask again right after each write.
 */
public interface WriteQueueTransport extends Transport {

    /**
     * Returns whether this transport still holds a buffer given to {@link #write} or
     * {@link #writeSequence} whose bytes it has not all sent. False means that every buffer written so far
     * has been let go of, and its owner may change it.
     *
     * @return true while written bytes wait in the buffers they were written in
     */
    boolean holdsWrites();
}
