package org.twisted4j.conch.connection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.Transport;

/**
 * A channel seen as a {@link Transport}, so that any {@link Protocol} runs over it (Twisted's
 * {@code wrapProtocol}): a subsystem such as SFTP on the server, a remote command on the client
 * ({@link SshConnection#execCommand}). Writes become channel data; {@link #loseConnection()} sends EOF (on a
 * server's session channel also {@code exit-status} 0, as sshd does when a subsystem ends) and closes;
 * {@link #loseWriteConnection()} sends EOF only; pausing the transport holds the channel's window back.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ChannelTransport implements Transport {
    private final SshChannel channel;
    private final Protocol protocol;
    private @Nullable Producer producer;
    private boolean streaming;
    private boolean disconnecting;
    private boolean lost;
    private final List<Deferred<Throwable>> closeWaiters = new ArrayList<>();
    private @Nullable Throwable closeReason;

    ChannelTransport(SshChannel channel, Protocol protocol) {
        this.channel = channel;
        this.protocol = protocol;
    }

    @Override
    public void write(ByteBuffer data) {
        if (disconnecting || lost || !data.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        channel.write(copy);
    }

    @Override
    public void writeSequence(List<ByteBuffer> data) {
        for (ByteBuffer buffer : data) {
            write(buffer);
        }
    }

    @Override
    public void loseConnection() {
        if (disconnecting) {
            return;
        }
        disconnecting = true;
        if (channel instanceof SessionChannel session) {
            // As sshd when sftp-server exits: EOF, exit-status 0, close. scp -s counts a missing status as failure.
            session.exit(0);
        } else {
            channel.sendEof();
            channel.close();
        }
    }

    /** Sends EOF: the other side reads no more, and this side still reads what comes. */
    public void loseWriteConnection() {
        if (!disconnecting && !lost) {
            channel.sendEof();
        }
    }

    /**
     * Tells the other side the terminal's new size ({@code window-change}, RFC 4254 section 6.7): for a client's
     * session that asked for a PTY.
     *
     * @param columns the width in characters
     * @param rows the height in rows
     * @param widthPixels the width in pixels, or 0
     * @param heightPixels the height in pixels, or 0
     */
    public void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
        if (!disconnecting && !lost) {
            channel.sendRequest("window-change", false, new SshWireWriter(16).uint32(columns).uint32(rows)
                    .uint32(widthPixels).uint32(heightPixels).toByteArray());
        }
    }

    /** Returns the connection the channel belongs to (to open more channels on it). */
    public SshConnection connection() {
        return channel.connection();
    }

    /**
     * Returns a Deferred that fires, once the channel has closed, with the exception the protocol's
     * {@code connectionLost} was given (for a remote command: {@link ConnectionDone} after exit status 0, else
     * {@link org.twisted4j.internet.ProcessTerminated}).
     */
    public Deferred<Throwable> whenClosed() {
        if (closeReason != null) {
            return Deferred.succeed(closeReason);
        }
        Deferred<Throwable> waiter = new Deferred<>();
        closeWaiters.add(waiter);
        return waiter;
    }

    @Override
    public void abortConnection() {
        loseConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    @Override
    public Address getPeer() {
        return channel.connection().transport().transport().getPeer();
    }

    @Override
    public Address getHost() {
        return channel.connection().transport().transport().getHost();
    }

    @Override
    public void pauseProducing() {
        channel.pauseInput();
    }

    @Override
    public void resumeProducing() {
        channel.resumeInput();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public void registerProducer(Producer newProducer, boolean isStreaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered");
        }
        producer = newProducer;
        streaming = isStreaming;
    }

    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("no producer is registered");
        }
        producer = null;
    }

    void pauseProducer() {
        if (producer instanceof PushProducer push && streaming) {
            push.pauseProducing();
        }
    }

    void resumeProducer() {
        if (producer instanceof PushProducer push && streaming) {
            push.resumeProducing();
        }
    }

    /** The channel has closed: tell the protocol. */
    void lost() {
        lost(new Failure(new ConnectionDone()));
    }

    /** The channel has closed: tell the protocol why. */
    void lost(Failure reason) {
        if (lost) {
            return;
        }
        lost = true;
        Producer registered = producer;
        if (registered != null) {
            registered.stopProducing();
        }
        protocol.connectionLost(reason);
        closeReason = reason.value();
        for (Deferred<Throwable> waiter : List.copyOf(closeWaiters)) {
            waiter.callback(reason.value());
        }
        closeWaiters.clear();
    }
}
