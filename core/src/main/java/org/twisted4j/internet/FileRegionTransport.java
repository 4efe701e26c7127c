package org.twisted4j.internet;

import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A {@link Transport} that can send part of a file straight from the file to the connection, without the
 * bytes passing through the Java heap: {@link FileChannel#transferTo}, which is {@code sendfile} on Linux.
 * The reactor's TCP and UNIX transports are such transports until they start TLS; a TLS transport is not
 * one (its bytes must be encrypted), nor are wrappers that see the bytes on their way.
 *
 * <h2>Using it</h2>
 * A caller asks, and falls back to reading the file and writing the bytes when the answer is no:
 *
 * <pre>{@code
 * if (transport() instanceof FileRegionTransport files && files.canWriteFile()) {
 *     transport().write(header);
 *     files.writeFile(file, 0, size)                       // in order after the header
 *             .addBoth(result -> { closeQuietly(file); return null; });
 *     transport().write(trailer);                          // in order after the file
 * } else {
 *     registerChunkReader(file);                           // read and write 64 KiB at a time
 * }
 * }</pre>
 *
 * <h2>Order, back-pressure, closing</h2>
 * A region takes its place in the same queue as the bytes written: whatever was written before it goes
 * first, whatever after it waits behind it. It is read from the file as it is sent, not when
 * {@code writeFile} is called. A producer registered with the transport is paused and resumed on the bytes
 * the peer has yet to take, the unsent part of queued regions included, so that a producer writing regions
 * one after another is paused while one is going out; a region holds no memory, though, so the memory a
 * connection holds stays bounded by what it buffers from {@code write}. {@link #loseConnection()} waits for
 * queued regions as for queued bytes; {@link #abortConnection()} drops them.
 *
 * <h2>Who owns the file</h2>
 * The caller does: the transport never closes the {@link FileChannel}. It must stay open, and the region
 * must stay in the file, until the Deferred returned by {@link #writeFile} fires: with null once the region
 * has been handed to the operating system in full, or with a failure if it never will be (the connection
 * was aborted or lost first, or the file ended early). Then the caller may close the file. One file may be
 * in several regions at once, as for a multi-part answer.
 *
 * <h2>Threading</h2>
 * Reactor thread only, like every transport.
 *
 * <h2>Pitfalls</h2>
 * A file that shrinks while its region is queued cannot keep the promise made to the peer (a length already
 * announced, say): the connection is closed with a {@link ConnectionLost} whose cause is an
 * {@link java.io.EOFException} naming where the file ended, and the Deferred fails with it. A file that
 * grows is fine: only the region is sent. Add an errback to the Deferred, as to any: a region dropped by an
 * abort fails it, and an unhandled failure is logged.
 */
public interface FileRegionTransport extends Transport {

    /**
     * Returns whether {@link #writeFile} may be called now. A transport that can start TLS on a live
     * connection (STARTTLS) answers false once it has, since from then on its bytes are encrypted.
     *
     * @return true if file regions can be written
     */
    boolean canWriteFile();

    /**
     * Queues {@code count} bytes of {@code file}, from {@code position}, to be sent after everything written
     * so far and before everything written afterwards. When nothing is waiting, as much goes to the
     * connection at once as it takes; the rest follows whenever the connection is writable.
     *
     * @param file the file, open for reading; the caller's, who may close it only once the returned Deferred
     *     has fired
     * @param position where in the file the region starts
     * @param count how many bytes to send; 0 sends nothing and returns a Deferred that has fired
     * @return a Deferred that fires with null once the region has been handed to the operating system in
     *     full, or fails if it never will be: with the reason the connection closed, or with a
     *     {@link ConnectionClosed} at once if the connection was closed (or half-closed) already
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative or their sum
     *     overflows, or {@code file} is closed
     * @throws IllegalStateException if {@link #canWriteFile()} is false
     */
    Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count);
}
