package org.twisted4j.internet;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The address of a UNIX domain socket, as Twisted's {@code twisted.internet.address.UNIXAddress}.
 *
 * <pre>{@code
 * Address server = new UNIXAddress(Path.of("/run/app.sock"));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: an immutable value.
 *
 * @param path the socket's path in the file system, or null for an unnamed socket (the usual case for
 *     the connecting end of a connection)
 */
public record UNIXAddress(@Nullable Path path) implements Address {
}
