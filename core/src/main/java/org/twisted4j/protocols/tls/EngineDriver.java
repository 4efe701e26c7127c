package org.twisted4j.protocols.tls;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * Drives the {@link SSLEngine} of a {@link TlsProtocol}: decrypts what arrives, keeping back a partial record
 * (and whatever arrives while delivery is paused); follows the handshake through delegated tasks and the
 * records it has to send; and encrypts the writes held for it, through an {@link Encryptor}. Its buffers are
 * sized from the session and grown when the engine asks.
 *
 * <p>What comes of it is the {@link TlsProtocol}'s to handle: the decrypted data for the wrapped protocol,
 * the end of the handshake, the peer's close_notify, a failure. Between records the driver asks the protocol
 * whether to go on (it may have been paused, lost or aborted meanwhile). Reactor thread only; the engine's
 * delegated tasks may run elsewhere ({@link DelegatedTasks}), and the engine is not touched until they are
 * done.
 */
final class EngineDriver {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TlsProtocol tls;
    private final SSLEngine engine;
    private final Encryptor encryptor;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    /** The array a single buffer is encrypted from, reused. */
    private final ByteBuffer[] single = new ByteBuffer[1];
    /** The array several buffers are encrypted from, reused (grown as needed, emptied after each use). */
    private ByteBuffer[] several = new ByteBuffer[16];
    /** Whether {@link #several} is in use: a write made meanwhile (from a producer told to pause) takes its own. */
    private boolean severalInUse;
    private long pendingBytes;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private boolean closeNotifyReceived;
    private boolean unwrapping;
    /** Whether delegated tasks run elsewhere: the engine is left alone until they are done. */
    private boolean tasksRunning;
    /** Whether the last {@link #runTasks()} found any task. */
    private boolean ranTasks;
    /** What a delegated task run elsewhere threw, for {@link #tasksDone} to fail with. */
    private volatile @Nullable RuntimeException taskFailure;

    /**
     * Makes the driver of {@code engine} for {@code tls}.
     *
     * @param sink takes the encrypted records, for the real transport
     */
    EngineDriver(TlsProtocol tls, SSLEngine engine, Encryptor.Sink sink) {
        this.tls = tls;
        this.engine = engine;
        SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize()).flip();
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        encryptor = new Encryptor(engine, sink);
    }

    /** Begins the handshake, sending what this side sends first (a client's hello). */
    void beginHandshake() throws SSLException {
        engine.beginHandshake();
        step(engine.getHandshakeStatus());
    }

    /**
     * Returns whether the engine's delegated tasks are running away from the reactor thread: until they are
     * done, nothing is decrypted or encrypted, and what arrives is kept.
     */
    boolean tasksRunning() {
        return tasksRunning;
    }

    /** Returns whether the peer's close_notify has arrived. */
    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    // ---- decrypting ----

    /**
     * Decrypts and delivers what {@code data} holds, after anything kept back from before; keeps what cannot
     * be decrypted yet. {@code data} is read during the call, not kept.
     */
    void receive(ByteBuffer data) {
        if (!netIn.hasRemaining() && tls.delivering() && !tasksRunning) {
            unwrapFrom(data);
            if (data.hasRemaining()) {
                keep(data);
            }
        } else {
            keep(data);
            unwrapFrom(netIn);
        }
    }

    /** Decrypts and delivers what was kept back while delivery was paused. */
    void receiveKept() {
        if (netIn.hasRemaining()) {
            unwrapFrom(netIn);
        }
    }

    private void keep(ByteBuffer data) {
        int needed = netIn.remaining() + data.remaining();
        if (needed > netIn.capacity()) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, netIn.capacity() * 2));
            larger.put(netIn);
            netIn = larger;
        } else {
            netIn.compact();
        }
        netIn.put(data).flip();
    }

    /** Decrypts records from {@code source} until it holds no whole record, delivering what they carry. */
    private void unwrapFrom(ByteBuffer source) {
        if (unwrapping) {
            return; // a call from the wrapped protocol while delivering: the loop below goes on
        }
        unwrapping = true;
        try {
            while (source.hasRemaining() && tls.delivering() && !closeNotifyReceived && !tasksRunning) {
                appIn.clear();
                SSLEngineResult result = engine.unwrap(source, appIn);
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW -> {
                        fitWholeRecord();
                        return;
                    }
                    case BUFFER_OVERFLOW -> {
                        growAppIn();
                        continue;
                    }
                    case CLOSED -> {
                        closeNotifyReceived = engine.isInboundDone();
                        if (!closeNotifyReceived && result.bytesConsumed() == 0) {
                            return;
                        }
                    }
                    case OK -> { }
                }
                step(result.getHandshakeStatus());
                if (stalled(result)) {
                    return; // no progress possible until more arrives
                }
                if (appIn.position() > 0 && !tls.isLost()) {
                    appIn.flip();
                    tls.wrappedProtocol().dataReceived(appIn);
                }
                if (closeNotifyReceived) {
                    tls.peerClosed();
                }
            }
        } catch (SSLException e) {
            tls.tlsFailed(e);
        } finally {
            unwrapping = false;
        }
    }

    /** Makes the buffer of kept bytes big enough for a whole record, should the session's records have grown. */
    private void fitWholeRecord() {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < packet) {
            netIn = ByteBuffer.allocate(packet).put(netIn).flip();
        }
    }

    /** Makes the buffer that decrypted data lands in larger, as the engine asked. */
    private void growAppIn() {
        appIn = ByteBuffer.allocate(Math.max(appIn.capacity() * 2, engine.getSession().getApplicationBufferSize()));
    }

    /** Returns whether {@code result} made no progress, so that nothing more can happen until more arrives. */
    private boolean stalled(SSLEngineResult result) {
        return result.bytesConsumed() == 0 && appIn.position() == 0 && !closeNotifyReceived
                && switch (result.getHandshakeStatus()) {
                    case NOT_HANDSHAKING, NEED_UNWRAP, NEED_UNWRAP_AGAIN -> true;
                    default -> false;
                };
    }

    // ---- the handshake ----

    /** Follows the engine through tasks and the records it must send, until it waits for the peer. */
    private void step(HandshakeStatus status) throws SSLException {
        HandshakeStatus current = status;
        while (true) {
            switch (current) {
                case NEED_TASK -> {
                    if (runTasks()) {
                        return; // elsewhere: tasksDone goes on
                    }
                    current = engine.getHandshakeStatus();
                    if (current == HandshakeStatus.NEED_TASK && !ranTasks) {
                        throw new SSLException("the engine asks for a delegated task and has none to give");
                    }
                }
                case NEED_WRAP -> {
                    current = encryptor.wrap(new ByteBuffer[] {EMPTY}, 1);
                    if (encryptor.lastProduced() == 0 && current == HandshakeStatus.NEED_WRAP) {
                        return; // the engine has closed and has nothing more to send
                    }
                }
                case FINISHED -> {
                    tls.handshakeFinished();
                    current = engine.getHandshakeStatus(); // a server may still owe a session ticket
                }
                default -> {
                    return;
                }
            }
            if (tls.isOver()) {
                return;
            }
        }
    }

    /**
     * Runs the engine's delegated tasks: away from the reactor thread if the layer has somewhere to run them,
     * else here.
     *
     * @return true if they run elsewhere, and {@link #tasksDone} follows on the reactor thread
     */
    private boolean runTasks() {
        List<Runnable> tasks = new ArrayList<>();
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            tasks.add(task);
        }
        ranTasks = !tasks.isEmpty();
        DelegatedTasks runner = ranTasks ? tls.delegatedTasks() : null;
        if (runner == null) {
            tasks.forEach(Runnable::run);
            return false;
        }
        tasksRunning = true;
        try {
            runner.run(() -> {
                try {
                    tasks.forEach(Runnable::run);
                } catch (RuntimeException e) {
                    taskFailure = e;
                }
            }, this::tasksDone);
        } catch (RejectedExecutionException refused) {
            tasksRunning = false;
            tasks.forEach(Runnable::run);
            return false;
        }
        return true;
    }

    /**
     * The delegated tasks are done (reactor thread): unless the connection is over meanwhile, follows the
     * handshake on from where they left it, then lets the layer decrypt what arrived and encrypt what was
     * written meanwhile, in order.
     */
    private void tasksDone() {
        tasksRunning = false;
        if (tls.isOver()) {
            return;
        }
        RuntimeException failure = taskFailure;
        if (failure != null) {
            tls.tlsFailed(new SSLException("a delegated task of the TLS engine failed: " + failure, failure));
            return;
        }
        try {
            step(engine.getHandshakeStatus());
        } catch (SSLException e) {
            tls.tlsFailed(e);
            return;
        }
        if (!tasksRunning) {
            tls.tasksDone();
        }
    }

    // ---- encrypting ----

    /**
     * Holds {@code data}, which has bytes remaining, until {@link #encryptPending()}: as it is, or copied if
     * it is the buffer this driver delivers decrypted data in.
     */
    void hold(ByteBuffer data) {
        pendingBytes += data.remaining();
        pending.addLast(data == appIn ? copyOf(data) : data.duplicate());
    }

    /**
     * Encrypts {@code data}, which has bytes remaining, at once and hands the records to the sink: no copy
     * is made, even of the buffer this driver delivers decrypted data in. Only when nothing is held and no
     * task runs; if the engine starts a new handshake meanwhile, the rest is held for when it is done.
     *
     * @throws SSLException if the engine fails
     */
    void encryptNow(ByteBuffer data) throws SSLException {
        ByteBuffer[] sources = single;
        sources[0] = data;
        HandshakeStatus status;
        try {
            status = encryptor.wrap(sources, 1);
        } finally {
            sources[0] = null;
        }
        if (data.hasRemaining()) {
            hold(data);
            step(status); // renegotiating: the rest waits for the new handshake
        }
    }

    /**
     * Encrypts {@code data} at once, in order, and hands the records to the sink, as {@link #encryptNow} does
     * with one buffer: the buffers are read as they are, not copied nor held. Only when nothing is held and
     * no task runs; what the engine does not take (a new handshake began) is held for when it is done.
     *
     * @throws SSLException if the engine fails
     */
    void encryptNow(List<ByteBuffer> data) throws SSLException {
        int count = data.size();
        ByteBuffer[] sources;
        if (severalInUse) {
            sources = new ByteBuffer[count];
        } else {
            if (several.length < count) {
                several = new ByteBuffer[Math.max(count, several.length * 2)];
            }
            sources = several;
            severalInUse = true;
        }
        HandshakeStatus status;
        try {
            for (int i = 0; i < count; i++) {
                sources[i] = data.get(i);
            }
            status = encryptor.wrap(sources, count);
        } finally {
            Arrays.fill(sources, 0, count, null);
            if (sources == several) {
                severalInUse = false;
            }
        }
        boolean held = false;
        for (ByteBuffer buffer : data) {
            if (buffer.hasRemaining()) {
                hold(buffer);
                held = true;
            }
        }
        if (held) {
            step(status); // renegotiating: the rest waits for the new handshake
        }
    }

    /** Returns whether writes are held. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Returns how many bytes the held writes hold. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** Drops the held writes: the connection is over. */
    void dropPending() {
        pending.clear();
        pendingBytes = 0;
    }

    /**
     * Encrypts the held writes and hands the records to the sink; if the engine starts a new handshake
     * meanwhile, follows it, and the rest stays held for when it is done.
     *
     * @throws SSLException if the engine fails
     */
    void encryptPending() throws SSLException {
        while (!pending.isEmpty()) {
            if (pending.size() == 1) {
                ByteBuffer only = pending.getFirst();
                HandshakeStatus status = encryptor.wrap(new ByteBuffer[] {only}, 1);
                if (only.hasRemaining()) {
                    step(status); // renegotiating: the rest waits for the new handshake
                    break;
                }
                pending.removeFirst();
            } else {
                ByteBuffer[] all = pending.toArray(ByteBuffer[]::new);
                HandshakeStatus status = encryptor.wrap(all, all.length);
                while (!pending.isEmpty() && !pending.getFirst().hasRemaining()) {
                    pending.removeFirst();
                }
                if (!pending.isEmpty()) {
                    step(status);
                    break;
                }
            }
        }
        pendingBytes = 0;
        for (ByteBuffer buffer : pending) {
            pendingBytes += buffer.remaining();
        }
    }

    /** Closes the sending side and hands on the close_notify (or the pending alert). */
    void closeOutbound() {
        encryptor.closeOutbound();
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }
}
