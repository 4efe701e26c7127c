package org.twisted4j.nativeio;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.channel.unix.UnixChannelOption;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** One of Netty's native transports: its I/O handler and the channels a reactor opens on it. Any thread. */
enum NativeTransport {
    EPOLL("epoll") {
        @Override
        @Nullable Throwable unavailability() {
            return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
        }

        @Override
        IoHandlerFactory ioHandler() {
            return EpollIoHandler.newFactory();
        }

        @Override
        ServerChannel serverChannel(boolean unix) {
            return unix ? new EpollServerDomainSocketChannel() : new EpollServerSocketChannel();
        }

        @Override
        Supplier<Channel> channel(boolean unix) {
            return unix ? EpollDomainSocketChannel::new : EpollSocketChannel::new;
        }

        /** Netty binds an epoll channel only once registered, so the socket is made, bound and then adopted. */
        @Override
        ServerChannel listeningTcpChannel(InetSocketAddress address, int backlog, boolean reusePort)
                throws IOException {
            Socket socket = Socket.newSocketStream();
            try {
                socket.setReuseAddress(true);
                if (reusePort) {
                    socket.setReusePort(true);
                }
                socket.bind(address);
                socket.listen(backlog);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return new EpollServerSocketChannel(socket.intValue());
        }

        @Override
        DatagramChannel datagramChannel(int fd) {
            return new EpollDatagramChannel(fd);
        }

        @Override
        DatagramChannel datagramChannel(SocketProtocolFamily family) {
            return new EpollDatagramChannel(family);
        }

        @Override
        boolean flushesPerReadBurst() {
            return true;
        }

        @Override
        boolean readsIntoReactorBuffer() {
            return true;
        }
    },
    IO_URING("io_uring") {
        @Override
        @Nullable Throwable unavailability() {
            singleShotPolls();
            return IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
        }

        @Override
        IoHandlerFactory ioHandler() {
            return IoUringIoHandler.newFactory();
        }

        @Override
        ServerChannel serverChannel(boolean unix) {
            return unix ? new IoUringServerDomainSocketChannel() : new IoUringServerSocketChannel();
        }

        @Override
        Supplier<Channel> channel(boolean unix) {
            return unix ? IoUringDomainSocketChannel::new : IoUringSocketChannel::new;
        }

        /** Netty's io_uring server channel binds and listens in its public {@code doBind}, registered or not. */
        @Override
        ServerChannel listeningTcpChannel(InetSocketAddress address, int backlog, boolean reusePort)
                throws IOException {
            IoUringServerSocketChannel channel = new IoUringServerSocketChannel();
            channel.config().setOption(ChannelOption.SO_BACKLOG, backlog);
            channel.config().setOption(ChannelOption.SO_REUSEADDR, true);
            if (reusePort && !channel.config().setOption(UnixChannelOption.SO_REUSEPORT, true)) {
                channel.unsafe().closeForcibly();
                throw new IOException("SO_REUSEPORT cannot be set on " + channel);
            }
            try {
                channel.doBind(address);
            } catch (Exception e) {
                channel.unsafe().closeForcibly();
                throw e instanceof IOException io ? io : new IOException("binding failed: " + e, e);
            }
            return channel;
        }

        @Override
        DatagramChannel datagramChannel(int fd) {
            return new IoUringDatagramChannel(fd);
        }

        @Override
        DatagramChannel datagramChannel(SocketProtocolFamily family) {
            return new IoUringDatagramChannel(family);
        }

        @Override
        boolean flushesPerReadBurst() {
            return false;
        }

        @Override
        boolean readsIntoReactorBuffer() {
            return false;
        }
    };

    /**
     * Netty's system property choosing io_uring's multishot {@code POLLIN} polls, read once when its io_uring
     * classes load.
     */
    static final String POLL_ADD_MULTISHOT_PROPERTY = "io.netty.iouring.pollAddMultishotEnabled";

    private static boolean multishotWarned;

    private final String backendName;

    NativeTransport(String backendName) {
        this.backendName = backendName;
    }

    /** Returns the name the reactor is chosen by. */
    String backendName() {
        return backendName;
    }

    /** Returns why the transport cannot run here (its native library, or the kernel), or null if it can. */
    abstract @Nullable Throwable unavailability();

    /** Returns the factory of the event loop's I/O handler. */
    abstract IoHandlerFactory ioHandler();

    /** Makes a listening channel, TCP or UNIX. */
    abstract ServerChannel serverChannel(boolean unix);

    /**
     * Makes a TCP server channel bound to {@code address} and listening now, on any thread and before the reactor
     * runs, unregistered: registering it with the loop, once that runs, begins accepting. Connections made
     * meanwhile wait in the backlog, as they do for a NIO port opened before {@code run()}.
     *
     * @param address the address to bind
     * @param backlog the listen backlog
     * @param reusePort whether to set {@code SO_REUSEPORT} (a group member's shared port)
     * @return the channel, active and unregistered
     * @throws IOException if the socket cannot be bound
     */
    abstract ServerChannel listeningTcpChannel(InetSocketAddress address, int backlog, boolean reusePort)
            throws IOException;

    /**
     * Makes a UDP channel bound to {@code address} now, on any thread and before the reactor runs, unregistered:
     * the transport's socket calls bind it, and the channel adopts it.
     *
     * @param address the address to bind
     * @param reuseAddress whether to set {@code SO_REUSEADDR} (a multicast port others may listen on too)
     * @param reusePort whether to set {@code SO_REUSEPORT} (a group member's shared port, or such a multicast port)
     * @return the channel, active and unregistered
     * @throws IOException if the socket cannot be bound
     */
    DatagramChannel boundDatagramChannel(InetSocketAddress address, boolean reuseAddress, boolean reusePort)
            throws IOException {
        // Netty makes a socket of one family (an IPv4 port's options and addresses are IPv4's, as NIO's) only in a
        // channel's constructor: that channel is made for its socket alone, which is bound here and then adopted.
        Channel maker = datagramChannel(address.getAddress() instanceof Inet6Address ? SocketProtocolFamily.INET6
                : SocketProtocolFamily.INET);
        Socket socket = new Socket(((UnixChannel) maker).fd().intValue());
        try {
            if (reuseAddress) {
                socket.setReuseAddress(true);
            }
            if (reusePort) {
                socket.setReusePort(true);
            }
            socket.bind(address);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return datagramChannel(socket.intValue());
    }

    /** Makes an unregistered UDP channel with a socket of its own, of {@code family}. */
    abstract DatagramChannel datagramChannel(SocketProtocolFamily family);

    /** Makes a UDP channel adopting the socket {@code fd}, bound already. */
    abstract DatagramChannel datagramChannel(int fd);

    /** Returns the maker of client channels, TCP or UNIX. */
    abstract Supplier<Channel> channel(boolean unix);

    /**
     * Whether a connection flushes what its protocol wrote during a read burst as soon as the burst ends,
     * rather than with the loop's other flushes after its pass over the ready sockets. On epoll a flush is a
     * write system call made at once, and flushing per burst spares the task that would flush later. On
     * io_uring a flush only queues a submission, sent with the loop's next one either way, and a socket's close
     * completes through the loop's tasks: flushing with those tasks keeps a connection's loss reported before
     * what other connections write in the same pass goes out.
     */
    abstract boolean flushesPerReadBurst();

    /**
     * Whether a connection's reads land in the reactor's own read buffer when nothing holds it
     * ({@link ReadBufferAllocator}). On epoll a read takes its buffer once the socket has data and gives it back
     * before the next socket's read, so one buffer serves them all. On io_uring each connection's queued receive
     * holds a buffer until data comes, so the reactor's would serve one connection at most.
     */
    abstract boolean readsIntoReactorBuffer();

    /**
     * Turns Netty's multishot {@code POLLIN} off for io_uring, unless the property is set already, before its
     * io_uring classes load.
     *
     * @implNote A multishot poll reports each wake-up of the socket once. A wake-up that comes while a receive is
     * already queued is dropped (that receive is expected to see it), and a receive that empties the socket's data
     * ends the read loop, since the completion's "socket not empty" flag speaks of data only: a reset or end of
     * stream that lands between the data and that receive's completion is then never reported, and the
     * connection waits until it writes (never, for one whose close waits behind an idle producer). A single-shot
     * poll, armed again after each read loop, asks the socket's state afresh and sees the reset.
     */
    private static void singleShotPolls() {
        if (System.getProperty(POLL_ADD_MULTISHOT_PROPERTY) == null) {
            System.setProperty(POLL_ADD_MULTISHOT_PROPERTY, "false");
        }
    }

    /** Warns once when io_uring runs with multishot polls, which may miss a reset or end of stream after data. */
    private static synchronized void warnIfMultishot(NativeTransport transport) {
        if (transport == IO_URING && !multishotWarned && IoUring.isPollAddMultishotEnabled()) {
            multishotWarned = true;
            NativeReactor.LOG.warn("io_uring runs with multishot polls (-D{property}, or Netty's io_uring loaded "
                    + "before this reactor): a reset or end of stream right after data may go unnoticed",
                    "property", POLL_ADD_MULTISHOT_PROPERTY);
        }
    }

    /**
     * Makes a reactor on this transport.
     *
     * @throws UnsupportedOperationException if the transport cannot run here
     */
    NativeReactor newReactor() {
        Throwable cause = unavailability();
        if (cause != null) {
            String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new UnsupportedOperationException(backendName + " cannot run here: " + why, cause);
        }
        warnIfMultishot(this);
        return new NativeReactor(this);
    }
}
