package org.twisted4j.internet;

import java.nio.channels.ServerSocketChannel;

/**
 * Listening sockets made elsewhere, taken over by the reactor, as Twisted's {@code IReactorSocket}: a socket
 * passed by systemd's socket activation or inherited from a parent, already bound and listening.
 *
 * <pre>{@code
 * ServerSocketChannel inherited = (ServerSocketChannel) System.inheritedChannel();
 * reactor.adoptStreamPort(inherited, Factory.forProtocol(Echo::new));
 * }</pre>
 * Java names sockets by channel where Twisted names them by file descriptor: a JVM can wrap only its
 * standard input as a channel ({@link System#inheritedChannel()}), so getting one from a descriptor is the
 * caller's business (the {@code systemd:} endpoint of module {@code twist} does it).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface ReactorSocket {

    /**
     * Accepts connections on {@code channel}, a stream socket that is already bound and listening, TCP or
     * UNIX, giving each a protocol from {@code factory}.
     *
     * @param channel the listening socket; the port owns it from now on and closes it in
     *     {@link ListeningPort#stopListening()}, after which it cannot listen again
     * @param factory builds a protocol for each connection
     * @return the listening port
     * @throws CannotListenError if the channel is not bound, is closed, or cannot be registered with the
     *     reactor
     */
    ListeningPort adoptStreamPort(ServerSocketChannel channel, Factory factory);
}
