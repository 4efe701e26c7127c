/**
 * AMP, the Asynchronous Messaging Protocol, as Twisted's {@code twisted.protocols.amp}: request and response
 * over one connection, in boxes of keys and values, with commands declared as Java types.
 *
 * <ul>
 *   <li>The codec: {@link org.twisted4j.protocols.amp.AmpBox} (a box and its wire form),
 *       {@link org.twisted4j.protocols.amp.BoxParser} (the incremental parser, with its size limit) and
 *       {@link org.twisted4j.protocols.amp.TooLong}, the one parse error.
 *   <li>Values: {@link org.twisted4j.protocols.amp.Argument} and the types of
 *       {@link org.twisted4j.protocols.amp.Arguments}, each encoding as Twisted's argument of the same name does.
 *   <li>Commands: {@link org.twisted4j.protocols.amp.Schema} maps a Java record to a box's keys;
 *       {@link org.twisted4j.protocols.amp.Command} declares a command (name, argument and response records,
 *       errors with their codes, whether it expects an answer).
 *   <li>The protocol: {@link org.twisted4j.protocols.amp.BoxDispatcher} asks and answers ({@code _ask},
 *       {@code _answer}, {@code _error}) with {@link org.twisted4j.protocols.amp.Responder}s registered as lambdas;
 *       {@link org.twisted4j.protocols.amp.AMP} is the {@code Protocol} that carries it over a connection.
 *   <li>Errors a caller sees: the command's declared exceptions,
 *       {@link org.twisted4j.protocols.amp.UnhandledCommand}, {@link org.twisted4j.protocols.amp.UnknownRemoteError},
 *       or the connection's reason.
 *   <li>Switching the connection: {@link org.twisted4j.protocols.amp.StartTLS} (Twisted's {@code StartTLS}, with
 *       {@link org.twisted4j.protocols.amp.OnlyOneTLS}) and commands built with
 *       {@link org.twisted4j.protocols.amp.Command.Builder#switchesProtocol()} (Twisted's
 *       {@code ProtocolSwitchCommand}, with {@link org.twisted4j.protocols.amp.ProtocolSwitched}); their local
 *       arguments are {@link org.twisted4j.protocols.amp.Schema.Builder#local local components}.
 * </ul>
 *
 * <h2>No {@code Descriptor}</h2>
 * Twisted's {@code Descriptor} argument passes an open file descriptor over a UNIX socket with
 * {@code SCM_RIGHTS}. Java's sockets cannot send or receive descriptors without native code, which this project
 * does not write, so there is no such argument type: {@link org.twisted4j.protocols.amp.Arguments#descriptor()}
 * throws an {@link java.lang.UnsupportedOperationException} saying so, and a command that declares one cannot be
 * built. A peer's command that carries one has no responder here, and is answered {@code UNHANDLED}.
 *
 * <p>Every type here is for the reactor thread unless its javadoc says otherwise.
 */
@NullMarked
package org.twisted4j.protocols.amp;

import org.jspecify.annotations.NullMarked;
