/**
 * Reactors on Netty's native transports, as Twisted offers several reactors: {@code epoll}
 * ({@link org.twisted4j.nativeio.EpollReactorProvider}) and {@code io_uring}
 * ({@link org.twisted4j.nativeio.IoUringReactorProvider}), beside core's NIO reactor.
 *
 * <h2>Using them</h2>
 * <pre>{@code
 * ReactorBackend reactor = Reactors.create("epoll");   // core's NIO, with one log line, where epoll cannot load
 * reactor.callWhenRunning(() -> reactor.listenTCP(8080, Factory.forProtocol(Echo::new)));
 * reactor.run(true);
 * }</pre>
 * or {@code twist --reactor epoll web ...}. The providers are found with {@link java.util.ServiceLoader}, so
 * nothing but this module's presence on the path is needed; {@code Reactors.require} has no fallback.
 *
 * <h2>How they are built, and why</h2>
 * Core's transports are written against {@code java.nio.channels} (a {@code Selector}, {@code SocketChannel}
 * reads into one shared buffer, gathering writes), and Netty's native channels are not NIO channels: no
 * {@code SelectorProvider} exposes epoll or io_uring to them. So instead of reusing core's transports, each
 * reactor here is a single-threaded Netty event loop ({@code MultiThreadIoEventLoopGroup} of one thread over
 * {@code EpollIoHandler} or {@code IoUringIoHandler}) whose thread is the reactor's thread, and each connection
 * is one Netty channel handler that is also the twisted4j {@code Transport} its {@code Protocol} writes to.
 * What is reused from core is everything above the socket: system event triggers ({@code SystemEvents}), timed
 * calls ({@code DelayedCallQueue}, on the reactor's own monotonic clock; one Netty timer is set for the
 * earliest call after every turn), signal handling ({@code Signals}), the water marks, and TLS, which in core
 * is a {@code Protocol} layered over any transport ({@code TlsFactory}), so {@code ssl:} and {@code tls:}
 * endpoints work unchanged. Core's own tests of the reactor and its TCP transport run against both backends
 * (see this module's build), so the contract is checked, not assumed. At shutdown the loop waits for the
 * sockets it closes (io_uring closes a socket only once its pending operations end) before it ends.
 *
 * <h2>Differences from NIO</h2>
 * <ul>
 *   <li>{@code run()} makes its caller the reactor's thread, as on NIO: Netty hands the event loop's body to the
 *       group's executor, and {@code run()} runs it until the reactor stops. Before {@code run()}, triggers,
 *       timed calls, ports and client connections may be set up as on NIO, though only the running loop
 *       registers channels: TCP and UDP sockets are bound at once, from the transport's own socket calls, and
 *       read once the loop runs; a UNIX port claims its path at once and binds as the loop starts; a client
 *       connection opens its socket once the reactor has started.
 *   <li>On epoll a read lands in the reactor's own read buffer whenever nothing holds it, as NIO's do, and
 *       {@code dataReceived} gets the reactor's one view of it; bytes a protocol writes back from that view are
 *       sent from the buffer itself, retained, with no copy (NIO copies them out of its shared read buffer), and
 *       the next read lands in one of Netty's pooled buffers until it is sent. On io_uring, whose queued receives
 *       hold their buffers, reads land in Netty's pooled buffers.
 *   <li>TCP and UNIX stream sockets (with their lock files, {@code wantPID}/{@code checkPID}), STARTTLS on
 *       them ({@link org.twisted4j.internet.TlsUpgradable}, core's TLS layer slid under the protocol), child
 *       processes and standard I/O (core's, whose pipes are driven by virtual threads that hand each event to
 *       the reactor's thread), UDP ports ({@code listenUDP}, before {@code run()} too) and multicast
 *       ({@code listenMulticast}), and file regions ({@code FileRegionTransport}: Netty's {@code sendfile} on
 *       epoll, {@code splice} on io_uring). No adopted ports ({@code ReactorSocket}): Netty's channels adopt a
 *       socket by its file descriptor, which the JDK does not give for a {@code ServerSocketChannel}.
 *   <li>On io_uring, a UNIX socket whose peer half-closes is closed, not half-closed: Netty 4.2's io_uring
 *       transport allows half-closure only on TCP sockets. TCP half-closes as on NIO. Nor is a connected UDP
 *       port on io_uring told when its peer refuses: the transport does not report the ICMP error to its reads.
 *   <li>A file region whose file is truncated under it stops as soon as the socket is full (Netty checks the
 *       file's size then), where NIO first sends all that is left of the file; the connection is dropped with
 *       the same {@code EOFException} cause on every backend.
 *   <li>In a {@link org.twisted4j.internet.ReactorGroup} ({@code ReactorGroup.of(n, index ->
 *       Reactors.require("epoll"))}, {@code twist --reactor epoll --reactors N}) the members share their
 *       listening TCP and UDP ports as NIO's do, a socket each with {@code SO_REUSEPORT} on the port the group
 *       agrees, through the group's {@code listenTCP} before it runs or each member's own ports.
 * </ul>
 *
 * <h2>Threading</h2>
 * As every {@link org.twisted4j.internet.ReactorBackend}: one thread runs every callback; the providers may be
 * used from any thread.
 */
package org.twisted4j.nativeio;
