/**
 * Reactors on Netty's native transports: {@code epoll} and {@code io_uring} backends beside core's NIO reactor,
 * found by {@link org.twisted4j.internet.Reactors} through {@link org.twisted4j.internet.ReactorProvider}.
 */
module org.twisted4j.nativeio {
    requires transitive org.twisted4j.core;
    requires static org.jspecify;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;

    exports org.twisted4j.nativeio;

    provides org.twisted4j.internet.ReactorProvider with org.twisted4j.nativeio.EpollReactorProvider,
            org.twisted4j.nativeio.IoUringReactorProvider;
}
