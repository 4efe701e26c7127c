package org.twisted4j.nativeio;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
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

        @Override
        boolean flushesPerReadBurst() {
            return true;
        }
    },
    IO_URING("io_uring") {
        @Override
        @Nullable Throwable unavailability() {
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

        @Override
        boolean flushesPerReadBurst() {
            return false;
        }
    };

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
        return new NativeReactor(this);
    }
}
