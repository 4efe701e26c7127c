/**
 * Test doubles for code built on twisted4j, as Twisted's {@code twisted.internet.testing} and
 * {@code iosim}: drive a protocol deterministically, with no sockets, threads or real time.
 *
 * <ul>
 *   <li>{@link org.twisted4j.testing.StringTransport} records what a protocol writes;
 *       {@link org.twisted4j.testing.StringTransportWithDisconnection} also tells it when it closes.</li>
 *   <li>{@link org.twisted4j.testing.IOPump} connects a server protocol and a client protocol in memory and
 *       moves bytes between them on request.</li>
 *   <li>{@link org.twisted4j.testing.MemoryReactor} stands in for a reactor: it records what was asked of
 *       it and fires its system events when told to run or stop.</li>
 *   <li>{@link org.twisted4j.testing.AccumulatingProtocol} collects what arrives.</li>
 * </ul>
 *
 * <p>Everything here is single-threaded, like the reactor thread it stands in for.
 */
@NullMarked
package org.twisted4j.testing;

import org.jspecify.annotations.NullMarked;
