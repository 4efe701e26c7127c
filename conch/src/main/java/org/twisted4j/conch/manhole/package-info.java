/**
 * The manhole, as Twisted's {@code twisted.conch.manhole}: a Java REPL (JShell) into the running server, over
 * Telnet or SSH, with line editing and history. What the user types is compiled by JShell on a worker thread and
 * run on the reactor's thread, in this JVM, so it sees the application's live objects: the
 * {@link org.twisted4j.conch.manhole.ManholeService}'s namespace (such as the reactor and the root resource),
 * handed in as named variables. An expression whose value is a {@link org.twisted4j.defer.Deferred} prints its
 * result when it fires.
 *
 * <p>JShell comes from the JDK's {@code jdk.jshell} module: no library is needed, and the REPL is the JDK's own.
 *
 * <p>The manhole runs any code as the server: it always asks for a password, and its Telnet port (clear text)
 * belongs on loopback only.
 */
@NullMarked
package org.twisted4j.conch.manhole;

import org.jspecify.annotations.NullMarked;
