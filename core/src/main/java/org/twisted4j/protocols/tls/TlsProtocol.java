package org.twisted4j.protocols.tls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.WriteQueueTransport;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.policies.ProtocolWrapper;

/**
 * TLS between a transport and a protocol, as Twisted's {@code TLSMemoryBIOProtocol}: what the wrapped
 * protocol writes is encrypted with an {@link SSLEngine} and written to the real transport; what arrives is
 * decrypted and handed to the wrapped protocol. To the wrapped protocol it is a {@link TlsTransport}.
 *
 * <h2>Using it</h2>
 * Usually through a {@link TlsFactory}, which makes one per connection:
 * <pre>{@code
 * reactor.listenTCP(8443, new TlsFactory(serverOptions, Factory.forProtocol(Echo::new), false));
 * reactor.connectTCP("example.com", 443, new TlsFactory(clientOptions, clientFactory, true));
 * }</pre>
 *
 * <h2>The life of a connection</h2>
 * <ul>
 *   <li>The wrapped protocol's {@code connectionMade} comes at once, before the handshake; what it writes
 *       then is held back and sent, in order, when the handshake has finished. A client starts the handshake
 *       when connected; a server waits for the client's hello.</li>
 *   <li>When the handshake finishes, a {@link TlsAware} protocol is told, and the Deferreds of
 *       {@link #whenHandshakeDone()} fire.</li>
 *   <li>{@link #loseConnection()} waits for held-back writes and a registered producer, sends close_notify,
 *       then closes the real transport once that has been written. A close_notify from the peer is answered
 *       with ours and the connection closes without waiting for anything; the wrapped protocol sees a
 *       {@link ConnectionDone}, even if the connection is reset after the close_notify arrived (everything the
 *       peer sent did arrive). Writes made after either close_notify are dropped.</li>
 *   <li>If the peer closes the connection without close_notify, the wrapped protocol sees a
 *       {@link ConnectionLost}, since the data may have been cut short. If TLS fails (a refused handshake, a
 *       record that does not authenticate), the alert the engine makes is sent, the real transport is
 *       closed, and the wrapped protocol sees a {@link TlsError}.</li>
 *   <li>{@link #abortConnection()} closes the real transport at once, without close_notify.</li>
 *   <li>{@link #loseWriteConnection()} half-closes the session: once held-back writes and a registered
 *       producer are done it sends close_notify but leaves the real transport open, still delivering what
 *       arrives, until the peer answers with its close_notify (or closes the connection). A sender that must
 *       know its data arrived uses it rather than {@link #loseConnection()}: closing the socket while
 *       records the peer sent (a TLS 1.3 session ticket, say) lie unread makes the kernel reset the connection
 *       and drop what it had not sent yet.</li>
 * </ul>
 *
 * <h2>Back-pressure</h2>
 * A producer registered here is registered with the real transport through a go-between, so a push producer
 * is paused when the real transport's buffer is full, and a pull producer is asked for more when it has
 * drained (never before the handshake has finished). Writes made before the handshake finishes wait in
 * memory; a push producer is paused once more than {@link #HELD_BACK_LIMIT} bytes wait. Pausing this
 * transport stops decrypting as well as reading, so no data reaches a paused protocol, and the records
 * that had already arrived are delivered on {@link #resumeProducing()}.
 *
 * <p>When the session ends under a registered producer (a close_notify from the peer, a TLS failure, the
 * connection lost), the producer is stopped with {@code stopProducing} and unregistered, and the real
 * transport closes without waiting for it, as in Twisted: its writes would be dropped, so it would never be
 * asked for more nor finish. It need not call {@link #unregisterProducer()} then, though it may; a producer
 * registered afterwards is stopped at once.
 *
 * <h2>Threading</h2>
 * Reactor thread only. The engine's delegated tasks (certificate checks, key exchange, signatures: a few
 * milliseconds per full handshake) leave the reactor thread when the layer runs on a {@link NioReactor}'s
 * thread: they run on a virtual thread, and the handshake goes on, back on the reactor thread, once they are
 * done. Meanwhile the engine is left alone: what arrives is kept and what the protocol writes is held, and
 * both follow in order afterwards; a close waits for them; if the connection is lost meanwhile, their
 * outcome is dropped. Elsewhere (a test's transport, a thread that is no reactor's) they run in place;
 * {@link #delegateTasksTo} chooses otherwise.
 *
 * @implNote Decryption reuses two buffers sized from the session (packet and application buffer sizes):
 * bytes that arrive are decrypted straight from the transport's buffer, and only a partial record is kept
 * back, so steady-state reading allocates no buffers here. Each write is encrypted into a record buffer (room for
 * a few records) that every TLS connection of the thread shares, one call at a time, and that is handed to the
 * real transport itself when the transport is a
 * {@link WriteQueueTransport} holding nothing (so the socket takes it before the write returns, and it is
 * filled again next time); when the transport holds earlier writes, or cannot say, the records go as an
 * exact-size copy, since it may keep what it is given. A batch of buffers ({@link #writeSequence}) is
 * encrypted from the buffers themselves, in one pass.
 */
public final class TlsProtocol extends ProtocolWrapper implements TlsTransport {

    /**
     * How many bytes written before the handshake finished may wait before a registered push producer is
     * paused: {@value} bytes, as a real transport's high-water mark.
     */
    public static final int HELD_BACK_LIMIT = 64 * 1024;

    private final SSLEngine engine;
    private final List<Deferred<TlsHandshakeInfo>> handshakeWaiters = new ArrayList<>();
    private final ProducerMembrane membrane = new ProducerMembrane(this);
    private final EngineDriver driver;

    private @Nullable TlsHandshakeInfo info;
    private @Nullable Failure tlsFailure;
    private boolean started;
    private boolean disconnecting;
    private boolean writeClosing;
    private boolean aborted;
    private boolean closeNotifySent;
    private boolean lost;
    private boolean readPaused;
    private @Nullable DelegatedTasks delegatedTasks;
    private boolean delegatedTasksSet;

    /**
     * Wraps {@code wrapped} for one connection.
     *
     * @param factory the factory that made it, which records the open connections
     * @param wrapped the application's protocol
     * @param engine a fresh engine, already set to client or server mode, whose handshake has not begun
     */
    public TlsProtocol(TlsFactory factory, Protocol wrapped, SSLEngine engine) {
        this(factory, wrapped, engine, true);
    }

    TlsProtocol(TlsFactory factory, Protocol wrapped, SSLEngine engine,
            boolean connectWrapped) {
        super(factory, wrapped, connectWrapped);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.driver = new EngineDriver(this, engine, new Encryptor.Sink() {
            @Override
            public void write(ByteBuffer records) {
                sendRecords(records);
            }

            @Override
            public boolean mayKeep() {
                return !(transport() instanceof WriteQueueTransport queue) || queue.holdsWrites();
            }
        });
    }

    /**
     * Returns a TLS layer for STARTTLS: {@code connected} is already connected to its transport and keeps it;
     * the transport routes its writes and the bytes it reads through the layer from now on. The caller then
     * connects the layer to the raw side of the connection with {@link #makeConnection}.
     *
     * @param options makes the engine
     * @param client whether this end is the TLS client
     * @param connected the protocol that asked for TLS
     * @param peerHost the peer's host name or address, for the engine; null if unknown
     * @param peerPort the peer's port, or -1 if unknown
     * @return the layer, not yet connected
     */
    public static TlsProtocol forStartTls(TlsOptions options, boolean client,
            Protocol connected, @Nullable String peerHost, int peerPort) {
        TlsFactory factory = new TlsFactory(options, Factory.forProtocol(() -> {
            throw new IllegalStateException("a STARTTLS layer builds no protocols");
        }), client);
        SSLEngine engine = options.newEngine(peerHost, peerPort);
        if (engine.getUseClientMode() != client) {
            engine.setUseClientMode(client);
        }
        return new TlsProtocol(factory, connected, engine, false);
    }

    // ---- Protocol: from the real transport ----

    /**
     * Attaches the real transport, connects the wrapped protocol (which may write at once: its writes wait
     * for the handshake), then starts the handshake.
     */
    @Override
    public void makeConnection(Transport transport) {
        super.makeConnection(transport);
        if (lost || aborted) {
            return;
        }
        started = true;
        try {
            driver.beginHandshake();
        } catch (SSLException e) {
            tlsFailed(e);
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (lost || tlsFailure != null || driver.closeNotifyReceived()) {
            return;
        }
        driver.receive(data);
    }

    /** Ends the session and tells the wrapped protocol why, as described above. */
    @Override
    public void connectionLost(Failure reason) {
        if (lost) {
            return;
        }
        lost = true;
        driver.dropPending();
        Failure why;
        if (tlsFailure != null) {
            why = tlsFailure;
        } else if (driver.closeNotifyReceived() && reason.check(ConnectionDone.class) == null) {
            why = new Failure(new ConnectionDone("the peer ended the TLS session with close_notify; the connection"
                    + " was then reset"));
        } else if (reason.check(ConnectionDone.class) == null || driver.closeNotifyReceived() || closeNotifySent) {
            why = reason;
        } else if (info == null) {
            why = new Failure(new ConnectionLost("the connection closed during the TLS handshake"));
        } else {
            why = new Failure(new ConnectionLost("the peer closed the connection without a TLS close_notify;"
                    + " the data may have been cut short"));
        }
        engine.closeOutbound();
        try {
            engine.closeInbound();
        } catch (SSLException truncated) {
            // Expected when the peer sent no close_notify; the reason above says so.
        }
        membrane.connectionLost();
        List<Deferred<TlsHandshakeInfo>> waiting = List.copyOf(handshakeWaiters);
        handshakeWaiters.clear();
        super.connectionLost(why);
        for (Deferred<TlsHandshakeInfo> waiter : waiting) {
            waiter.errback(why);
        }
    }

    // ---- Transport: from the wrapped protocol ----

    /**
     * {@inheritDoc}
     *
     * @implNote Before the handshake has finished the buffer is held as it is (copied only if it is the
     * buffer this layer handed to {@code dataReceived}); afterwards it is encrypted before this returns,
     * straight from the buffer given.
     */
    @Override
    public void write(ByteBuffer data) {
        if (lost || aborted || closeNotifySent || !data.hasRemaining() || encryptedAtOnce(data, null)) {
            return;
        }
        driver.hold(data);
        flushPending();
    }

    /**
     * {@inheritDoc}
     *
     * @implNote As with {@link #write}: after the handshake the buffers are encrypted together before this
     * returns, straight from the buffers given.
     */
    @Override
    public void writeSequence(List<ByteBuffer> data) {
        if (lost || aborted || closeNotifySent || encryptedAtOnce(null, data)) {
            return;
        }
        for (ByteBuffer buffer : data) {
            if (buffer.hasRemaining()) {
                driver.hold(buffer);
            }
        }
        flushPending();
    }

    @Override
    public void loseConnection() {
        if (disconnecting || lost) {
            return;
        }
        disconnecting = true;
        shutdownIfReady();
    }

    @Override
    public void abortConnection() {
        if (lost) {
            return;
        }
        disconnecting = true;
        aborted = true;
        driver.dropPending();
        transport().abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting || lost || transport().isDisconnecting();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        membrane.register(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        membrane.unregister();
        shutdownIfReady();
    }

    /** Stops reading from the real transport and stops decrypting what has already arrived. */
    @Override
    public void pauseProducing() {
        readPaused = true;
        transport().pauseProducing();
    }

    /** Decrypts and delivers what arrived while paused, then reads from the real transport again. */
    @Override
    public void resumeProducing() {
        readPaused = false;
        if (!lost) {
            driver.receiveKept();
        }
        if (!readPaused) {
            transport().resumeProducing();
        }
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    /**
     * Half-closes the session: sends close_notify once held-back writes and a registered producer are done,
     * and keeps the real transport open, still delivering what arrives, until the peer's close_notify (answered
     * by closing) or the end of the connection. Writes made afterwards are dropped.
     */
    @Override
    public void loseWriteConnection() {
        if (disconnecting || lost || writeClosing) {
            return;
        }
        writeClosing = true;
        shutdownIfReady();
    }

    // ---- TlsTransport ----

    @Override
    public Deferred<TlsHandshakeInfo> whenHandshakeDone() {
        TlsHandshakeInfo done = info;
        if (done != null) {
            return Deferred.succeed(done);
        }
        Deferred<TlsHandshakeInfo> waiter = new Deferred<>();
        if (lost) {
            waiter.errback(tlsFailure != null ? tlsFailure
                    : new Failure(new ConnectionLost("the connection was lost before the TLS handshake finished")));
        } else {
            handshakeWaiters.add(waiter);
        }
        return waiter;
    }

    @Override
    public @Nullable TlsHandshakeInfo handshakeInfo() {
        return info;
    }

    @Override
    public SSLSession session() {
        SSLSession handshaking = started && info == null ? engine.getHandshakeSession() : null;
        return handshaking != null ? handshaking : engine.getSession();
    }

    // ---- from the engine driver ----

    /**
     * The peer sent close_notify: answers with ours, stops a registered producer (whose writes could only be
     * dropped now) and closes the real transport.
     */
    void peerClosed() {
        sendCloseNotify();
        endSession();
    }

    /** The handshake has finished: tells whoever waits for it, then sends the writes held for it. */
    void handshakeFinished() {
        boolean first = info == null;
        if (first) {
            TlsHandshakeInfo done = TlsHandshakeInfo.from(engine);
            info = done;
            if (wrappedProtocol() instanceof TlsAware aware) {
                aware.handshakeCompleted(done);
            }
            List<Deferred<TlsHandshakeInfo>> waiting = List.copyOf(handshakeWaiters);
            handshakeWaiters.clear();
            for (Deferred<TlsHandshakeInfo> waiter : waiting) {
                waiter.callback(done);
            }
        }
        flushPending();
        if (first) {
            membrane.handshakeFinished();
        }
    }

    // ---- encrypting ----

    /**
     * Encrypts a write at once, before it returns, when the handshake has finished and nothing written
     * earlier still waits (in the layer or for delegated tasks): one buffer ({@code single}) or a batch
     * ({@code sequence}, when not null). Then pauses a registered push producer if the engine left too much
     * held back, and closes if a close waited for the write. A TLS failure ends the session.
     *
     * @return whether the write was taken (encrypted, or dropped by a TLS failure); false if it must be held
     */
    private boolean encryptedAtOnce(@Nullable ByteBuffer single, @Nullable List<ByteBuffer> sequence) {
        if (info == null || driver.hasPending() || driver.tasksRunning()) {
            return false;
        }
        try {
            if (sequence != null) {
                driver.encryptNow(sequence);
            } else {
                driver.encryptNow(Objects.requireNonNull(single, "single"));
            }
        } catch (SSLException e) {
            tlsFailed(e);
            return true;
        }
        membrane.holdBack(driver.pendingBytes() > HELD_BACK_LIMIT);
        shutdownIfReady();
        return true;
    }

    /** Encrypts what the wrapped protocol wrote, once the handshake lets it. */
    private void flushPending() {
        if (info == null || lost || aborted || !driver.hasPending() || driver.tasksRunning()) {
            if (driver.pendingBytes() > HELD_BACK_LIMIT) {
                membrane.holdBack(true);
            }
            return;
        }
        try {
            driver.encryptPending();
        } catch (SSLException e) {
            tlsFailed(e);
            return;
        }
        membrane.holdBack(driver.pendingBytes() > HELD_BACK_LIMIT);
        shutdownIfReady();
    }

    /** Hands encrypted records to the real transport, unless the connection is over. */
    private void sendRecords(ByteBuffer records) {
        if (!lost && !aborted) {
            transport().write(records);
        }
    }

    // ---- closing ----

    /**
     * Once nothing is held back and no producer is registered, sends close_notify (after
     * {@link #loseConnection()} or {@link #loseWriteConnection()}) and closes the real transport (after
     * {@link #loseConnection()} only).
     */
    private void shutdownIfReady() {
        if (!(disconnecting || writeClosing) || aborted || lost || driver.hasPending() || membrane.registered()
                || driver.tasksRunning()) {
            return;
        }
        sendCloseNotify();
        if (disconnecting) {
            transport().loseConnection();
        }
    }

    private void sendCloseNotify() {
        if (closeNotifySent || lost || aborted) {
            return;
        }
        closeNotifySent = true;
        driver.closeOutbound();
    }

    /** Sends the alert the engine made for {@code error}, closes the real transport, and records why. */
    void tlsFailed(SSLException error) {
        if (tlsFailure != null || lost) {
            return;
        }
        String what = info == null ? "the TLS handshake failed: " : "TLS failed: ";
        tlsFailure = new Failure(new TlsError(what + error.getMessage(), error));
        driver.dropPending();
        sendCloseNotify();
        if (!aborted) {
            endSession();
        }
    }

    /**
     * Closes the real transport once the session is over (close_notify sent, or TLS failed): a registered
     * producer is stopped and unregistered first, since the real transport's close would otherwise wait for
     * it, and it would wait for ever: its writes are dropped, so nothing drains and nothing asks it for more.
     */
    private void endSession() {
        disconnecting = true;
        membrane.sessionOver();
        if (!lost) {
            transport().loseConnection();
        }
    }

    // ---- delegated tasks ----

    /**
     * Runs the engine's delegated tasks on {@code tasks} rather than where this layer would (see Threading),
     * and comes back through {@code reactorThread}, which must run what it is given on this connection's
     * reactor thread: a connection's own pool, say, or a test that decides when a task ends. With
     * {@code Runnable::run} for both, the tasks run in place. Call it before the handshake begins (before
     * {@code makeConnection}, for a server before the first bytes arrive). Reactor thread only.
     *
     * @param tasks runs each batch of tasks; if it refuses one, the batch runs in place
     * @param reactorThread runs, on the reactor thread, what follows each batch
     */
    public void delegateTasksTo(Executor tasks, Executor reactorThread) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(reactorThread, "reactorThread");
        delegatedTasks = (work, done) -> tasks.execute(() -> {
            try {
                work.run();
            } finally {
                reactorThread.execute(done);
            }
        });
        delegatedTasksSet = true;
    }

    /** Returns where the engine's delegated tasks run, or null to run them in place. */
    @Nullable DelegatedTasks delegatedTasks() {
        return delegatedTasksSet ? delegatedTasks : DelegatedTasks.ofCurrentReactor();
    }

    /**
     * The delegated tasks are done and the handshake has gone on: decrypts what arrived meanwhile, then
     * encrypts what was written meanwhile, then closes if a close waited for them.
     */
    void tasksDone() {
        if (lost || aborted) {
            return;
        }
        driver.receiveKept();
        flushPending();
        shutdownIfReady();
    }

    // ---- for the engine driver and the producer go-between ----

    /** Returns whether decrypted data may be delivered now: the connection is not paused, lost or failed. */
    boolean delivering() {
        return !readPaused && !lost && tlsFailure == null;
    }

    /** Returns whether the connection has been lost. */
    boolean isLost() {
        return lost;
    }

    /** Returns whether the connection is over for the engine: lost, or aborted. */
    boolean isOver() {
        return lost || aborted;
    }

    boolean handshakeDone() {
        return info != null;
    }

    Transport realTransport() {
        return transport();
    }

    @Override
    public String toString() {
        return "TlsProtocol[" + (engine.getUseClientMode() ? "client" : "server") + ", " + wrappedProtocol() + "]";
    }
}
