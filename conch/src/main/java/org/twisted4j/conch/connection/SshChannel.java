package org.twisted4j.conch.connection;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectionLost;

/**
 * One channel of the connection protocol (RFC 4254 section 5; Twisted's {@code SSHChannel}): data both ways
 * within the windows and maximum packet sizes each side announced, extended data, EOF, close and channel
 * requests. Subclasses override the events they care about.
 *
 * <h2>Flow control</h2>
 * Output waits in the channel until the peer's window lets it go, in packets no larger than the peer's maximum;
 * when more than {@link #HIGH_WATER} octets wait, {@link #outputPaused()} tells the source to hold back, and
 * {@link #outputResumed()} when the queue has drained below {@link #LOW_WATER}. Input is acknowledged with
 * window adjustments once half the window is used, unless {@link #pauseInput()} holds them back, which in turn
 * makes the peer stop sending. A peer that sends beyond the window or the maximum packet breaks the protocol and
 * loses the connection.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class SshChannel {
    /** The default window offered to the peer: 2 MiB, as OpenSSH. */
    public static final int DEFAULT_WINDOW = 2 * 1024 * 1024;
    /** The default largest packet accepted: 32 KiB, as OpenSSH. */
    public static final int DEFAULT_MAX_PACKET = 32 * 1024;
    /** Queued output above which the source is asked to pause. */
    public static final int HIGH_WATER = 1024 * 1024;
    /** Queued output below which a paused source is asked to resume. */
    public static final int LOW_WATER = 256 * 1024;

    private final int initialWindow;
    private final int maxPacket;
    private final ArrayDeque<Object> outgoing = new ArrayDeque<>();
    private final ArrayDeque<Deferred<Boolean>> replies = new ArrayDeque<>();
    private @Nullable SshConnection connection;
    private int localId = -1;
    private int remoteId = -1;
    private long localWindowLeft;
    private long remoteWindow;
    private int remoteMaxPacket;
    private long queued;
    private boolean outputPaused;
    private boolean inputPaused;
    private boolean eofSent;
    private boolean eofReceived;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean closeQueued;
    private boolean open;
    private boolean holding;
    private boolean lostWithConnection;

    /** Makes a channel with the default window and packet size. */
    protected SshChannel() {
        this(DEFAULT_WINDOW, DEFAULT_MAX_PACKET);
    }

    /**
     * Makes a channel.
     *
     * @param window the window offered to the peer
     * @param maxPacket the largest data packet accepted
     */
    protected SshChannel(int window, int maxPacket) {
        this.initialWindow = window;
        this.maxPacket = maxPacket;
        this.localWindowLeft = window;
    }

    /** Returns the channel type, such as {@code session}. */
    public abstract String type();

    final void attach(SshConnection owner, int id) {
        connection = owner;
        localId = id;
    }

    final void opened(int peerId, long peerWindow, int peerMaxPacket) {
        remoteId = peerId;
        remoteWindow = peerWindow;
        remoteMaxPacket = peerMaxPacket;
        open = true;
    }

    /** Returns the connection this channel is part of. */
    public final SshConnection connection() {
        return connection;
    }

    /** Returns this side's channel number. */
    public final int localId() {
        return localId;
    }

    final int remoteId() {
        return remoteId;
    }

    final int initialWindow() {
        return initialWindow;
    }

    final int maxPacket() {
        return maxPacket;
    }

    /** Returns the octets waiting for the peer's window. */
    public final long queuedOutput() {
        return queued;
    }

    /** Returns the peer's window as it stands. */
    public final long remoteWindow() {
        return remoteWindow;
    }

    /** Whether the channel is open (confirmed and not yet closed). */
    public final boolean isOpen() {
        return open && !closeSent;
    }

    // Events.

    /** The channel is open; {@code extra} holds the type-specific data of the confirmation or open request. */
    protected void channelOpen(SshWire extra) {
    }

    /** The peer refused to open the channel. */
    protected void openFailed(int reason, String description) {
    }

    /** Data from the peer. */
    protected void dataReceived(byte[] data) {
    }

    /**
     * Data from the peer, between the buffer's position and limit, in the buffer the packet was decrypted in:
     * valid only during the call, since the packets read after it overwrite it. By default a copy goes to
     * {@link #dataReceived(byte[])}. A channel may override this to spare the copy, but must then not let the
     * buffer outlive the call: one that hands it to a protocol or a transport, either of which may keep it (a
     * write holds its buffer until it is sent), hands on a copy unless the receiver is known to take the octets
     * at once (see {@link TakesDataInPlace}).
     */
    protected void dataReceived(ByteBuffer data) {
        dataReceived(copy(data));
    }

    /** Extended data (type 1: standard error) from the peer. */
    protected void extendedDataReceived(int dataType, byte[] data) {
    }

    /** The peer will send no more data. */
    protected void eofReceived() {
    }

    /** A channel request; return whether it is granted. Refuses by default. */
    protected boolean requestReceived(String requestType, SshWire data) {
        return false;
    }

    /** The channel has closed both ways. */
    protected void closed() {
    }

    /** More than {@link #HIGH_WATER} octets wait: stop producing output. */
    protected void outputPaused() {
    }

    /** Waiting output has drained: produce again. */
    protected void outputResumed() {
    }

    // Actions.

    /** Sends data; it waits for the peer's window as needed. */
    public void write(byte[] data) {
        enqueue(new Chunk(-1, data));
    }

    /** Sends extended data (type 1 is standard error). */
    public void writeExtended(int dataType, byte[] data) {
        enqueue(new Chunk(dataType, data));
    }

    private void enqueue(Chunk chunk) {
        if (closeSent || closeQueued || eofSent || chunk.data.length == 0) {
            return;
        }
        outgoing.add(chunk);
        queued += chunk.data.length;
        flush();
        if (!outputPaused && queued > HIGH_WATER) {
            outputPaused = true;
            outputPaused();
        }
    }

    /** Sends a channel request after the output queued before it. */
    public void sendRequest(String requestType, boolean wantReply, byte[] data) {
        enqueueControl(new SshWireWriter(data.length + 32).byteValue(SshConnection.MSG_CHANNEL_REQUEST)
                .uint32(0).name(requestType).bool(wantReply).raw(data).toByteArray());
    }

    /**
     * Sends a channel request that asks for a reply, after the output queued before it.
     *
     * @return fires with true when the peer grants it ({@code SSH_MSG_CHANNEL_SUCCESS}), false when it refuses;
     *     fails with {@link ConnectionLost} if the channel closes first
     */
    public Deferred<Boolean> sendRequestWithReply(String requestType, byte[] data) {
        if (closeSent || closeQueued || closeReceived) {
            return Deferred.fail(new ConnectionLost("the channel is closed"));
        }
        Deferred<Boolean> reply = new Deferred<>();
        replies.add(reply);
        sendRequest(requestType, true, data);
        return reply;
    }

    /** Sends EOF after the output queued before it. */
    public void sendEof() {
        if (eofSent || closeQueued) {
            return;
        }
        enqueueControl(new SshWireWriter(8).byteValue(SshConnection.MSG_CHANNEL_EOF).uint32(0).toByteArray());
        eofSent = true;
    }

    /** Closes the channel after the output queued before it. */
    public void close() {
        if (closeQueued || closeSent) {
            return;
        }
        closeQueued = true;
        outgoing.add(Control.CLOSE);
        flush();
    }

    private void enqueueControl(byte[] payload) {
        if (closeSent || closeQueued) {
            return;
        }
        outgoing.add(new Control(payload));
        flush();
    }

    /** Stops acknowledging input, so that the peer runs out of window. */
    public void pauseInput() {
        inputPaused = true;
    }

    /** Acknowledges input again. */
    public void resumeInput() {
        inputPaused = false;
        maybeAdjustWindow();
    }

    // The connection's calls.

    /**
     * Holds this channel's output back while a request of the peer is handled, so that the reply goes out before
     * what the request made (a command that prints and exits at once); releasing flushes.
     */
    final void holdOutput(boolean hold) {
        holding = hold;
        if (!hold) {
            flush();
        }
    }

    final void flush() {
        SshConnection owner = connection;
        if (owner == null || !open || closeSent || holding || owner.isWritePaused()) {
            return;
        }
        while (!outgoing.isEmpty()) {
            Object head = outgoing.peek();
            if (head instanceof Chunk chunk) {
                if (remoteWindow <= 0) {
                    break;
                }
                int n = (int) Math.min(Math.min(remoteWindow, remoteMaxPacket), chunk.data.length - chunk.offset);
                SshWireWriter packet = new SshWireWriter(n + 16);
                if (chunk.dataType < 0) {
                    packet.byteValue(SshConnection.MSG_CHANNEL_DATA).uint32(remoteId);
                } else {
                    packet.byteValue(SshConnection.MSG_CHANNEL_EXTENDED_DATA).uint32(remoteId).uint32(chunk.dataType);
                }
                packet.uint32(n).raw(chunk.data, chunk.offset, n);
                owner.transport().sendPacket(packet.toByteArray());
                chunk.offset += n;
                remoteWindow -= n;
                queued -= n;
                if (chunk.offset == chunk.data.length) {
                    outgoing.poll();
                }
            } else if (head == Control.CLOSE) {
                outgoing.clear();
                sendClose();
                return;
            } else {
                byte[] payload = ((Control) head).payload;
                setRecipient(payload);
                owner.transport().sendPacket(payload);
                outgoing.poll();
            }
            if (owner.isWritePaused()) {
                break;
            }
        }
        if (outputPaused && queued < LOW_WATER) {
            outputPaused = false;
            outputResumed();
        }
    }

    private void setRecipient(byte[] payload) {
        payload[1] = (byte) (remoteId >>> 24);
        payload[2] = (byte) (remoteId >>> 16);
        payload[3] = (byte) (remoteId >>> 8);
        payload[4] = (byte) remoteId;
    }

    private void sendClose() {
        if (closeSent) {
            return;
        }
        closeSent = true;
        connection.transport().sendPacket(new SshWireWriter(8).byteValue(SshConnection.MSG_CHANNEL_CLOSE)
                .uint32(remoteId).toByteArray());
        if (closeReceived) {
            connection.forget(this);
            ended();
        }
    }

    final void windowAdjusted(long bytes) throws ChannelException {
        remoteWindow += bytes;
        if (remoteWindow > 0xffffffffL) {
            throw new ChannelException("window adjusted beyond 2^32-1");
        }
        flush();
    }

    final void data(int dataType, ByteBuffer data) throws ChannelException {
        if (eofReceived || closeReceived) {
            throw new ChannelException("data after EOF or close");
        }
        int length = data.remaining();
        if (length > localWindowLeft) {
            throw new ChannelException("data beyond the window (" + length + " > " + localWindowLeft + ")");
        }
        if (length > maxPacket) {
            throw new ChannelException("data packet larger than " + maxPacket);
        }
        localWindowLeft -= length;
        if (dataType < 0) {
            dataReceived(data);
        } else {
            extendedDataReceived(dataType, copy(data));
        }
        maybeAdjustWindow();
    }

    private static byte[] copy(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        return copy;
    }

    private void maybeAdjustWindow() {
        if (!inputPaused && !closeSent && !closeReceived && open && localWindowLeft < initialWindow / 2) {
            long grant = initialWindow - localWindowLeft;
            localWindowLeft = initialWindow;
            connection.transport().sendPacket(new SshWireWriter(12).byteValue(SshConnection.MSG_CHANNEL_WINDOW_ADJUST)
                    .uint32(remoteId).uint32(grant).toByteArray());
        }
    }

    final void requestReplied(boolean granted) throws ChannelException {
        Deferred<Boolean> reply = replies.poll();
        if (reply == null) {
            throw new ChannelException("a reply to no request");
        }
        reply.callback(granted);
    }

    /** The channel has ended: requests still waiting for a reply fail, then {@link #closed()}. */
    private void ended() {
        while (!replies.isEmpty()) {
            replies.poll().errback(new ConnectionLost("the channel closed before replying"));
        }
        closed();
    }

    final void eof() {
        if (!eofReceived) {
            eofReceived = true;
            eofReceived();
        }
    }

    final void closeFromPeer() {
        if (closeReceived) {
            return;
        }
        closeReceived = true;
        if (closeSent) {
            connection.forget(this);
            ended();
        } else {
            // The peer will read nothing more: drop what waits and close back at once.
            outgoing.clear();
            queued = 0;
            sendClose();
        }
    }

    /** Whether the channel ended because the connection went away, rather than by closing. */
    final boolean endedByConnectionLoss() {
        return lostWithConnection;
    }

    /** The connection went away: end without sending anything. */
    final void connectionLost() {
        if (!closeSent || !closeReceived) {
            lostWithConnection = true;
            closeSent = true;
            closeReceived = true;
            ended();
        }
    }

    private static final class Chunk {
        final int dataType;
        final byte[] data;
        int offset;

        Chunk(int dataType, byte[] data) {
            this.dataType = dataType;
            this.data = data;
        }
    }

    private static final class Control {
        static final Control CLOSE = new Control(new byte[0]);
        final byte[] payload;

        Control(byte[] payload) {
            this.payload = payload;
        }
    }
}
