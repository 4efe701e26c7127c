package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * One data connection of the server. It is ready once connected (and, when protected, once its TLS handshake
 * is done and resumed the control connection's session, if that is required); until an upload is attached it
 * reads nothing. Uploads go to a {@link WriteFile}, with reading paused while a write is in progress.
 */
final class DataConnection extends Protocol {

    private final Deferred<DataConnection> ready = new Deferred<>();
    private final Deferred<DataConnection> secured = new Deferred<>();
    private final Deferred<@Nullable Void> lost = new Deferred<>();
    private @Nullable Failure reason;
    private final @Nullable TlsOptions protect;
    private final @Nullable SSLSession controlSession;
    private @Nullable WriteFile sink;
    private Ascii.@Nullable Decoder ascii;
    private @Nullable Deferred<@Nullable Void> writing;
    private @Nullable Failure writeFailure;
    private final List<Deferred<@Nullable Void>> writtenWaiters = new ArrayList<>();
    private @Nullable Runnable onProgress;
    private long received;
    private final ArrayDeque<ByteBuffer> kept = new ArrayDeque<>();
    private long keptBytes;

    /** The most bytes kept from a data connection before its upload is attached, or while a write is slow. */
    static final int MAX_EARLY_BYTES = 4 << 20;

    DataConnection(@Nullable TlsOptions protect, @Nullable SSLSession controlSession) {
        this.protect = protect;
        this.controlSession = controlSession;
    }

    Deferred<DataConnection> ready() {
        return ready;
    }

    /** Fires once the connection is gone; {@link #reason()} says why. */
    Deferred<@Nullable Void> lost() {
        return lost;
    }

    @Nullable Failure reason() {
        return reason;
    }

    boolean isProtected() {
        return protect != null;
    }

    long received() {
        return received;
    }

    /** Fires once TLS (if any) is up and checked: the transfer may start. Plain connections are secured at once. */
    Deferred<DataConnection> secured() {
        return secured;
    }

    @Override
    public void connectionMade() {
        transport().pauseProducing();
        TlsOptions options = protect;
        if (options == null) {
            ready.callback(this);
            secured.callback(this);
            return;
        }
        if (!(transport() instanceof TlsUpgradable upgradable)) {
            ready.errback(new FtpError(425, "TLS is not available on this data connection."));
            transport().abortConnection();
            return;
        }
        // the client starts its handshake when it likes, before or after the 150 reply (ftplib does it after);
        // no session ticket is sent, as a client that only writes would leave it unread (TicketlessServerEngine)
        transport().resumeProducing();
        TlsTransport secure = upgradable.startTLS(TicketlessServerEngine.of(options), false);
        secure.whenHandshakeDone().addCallbacks(info -> {
            SSLSession control = controlSession;
            if (control != null && !sameSession(control, secure.session())) {
                secured.errback(new FtpError(522, "Data connection must resume the control connection's TLS session."));
                transport().abortConnection();
            } else {
                secured.callback(this);
            }
            return null;
        }, failure -> {
            if (!secured.isCalled()) {
                secured.errback(new FtpError(522, "TLS handshake on the data connection failed."));
            }
            return null;
        });
        ready.callback(this);
    }

    /**
     * Whether a data connection's TLS session is the control connection's, resumed.
     *
     * @implNote With TLS 1.2 a resumed session has the same session id. With TLS 1.3 the JDK gives a resumed
     * (pre-shared key) session a new id but keeps the original session's creation time, which a full
     * handshake made after the control connection's cannot have; so either match counts, with the same
     * protocol and cipher suite.
     */
    static boolean sameSession(SSLSession control, SSLSession data) {
        if (!control.getProtocol().equals(data.getProtocol()) || !control.getCipherSuite().equals(data.getCipherSuite())) {
            return false;
        }
        byte[] id = control.getId();
        boolean sameId = id != null && id.length > 0 && Arrays.equals(id, data.getId());
        return sameId || control.getCreationTime() == data.getCreationTime();
    }

    /**
     * Starts writing into {@code file} what arrives, converting CRLF to LF if {@code asciiMode}: first what
     * arrived before the upload was attached, then the rest, one write at a time.
     */
    void receiveInto(WriteFile file, boolean asciiMode, Runnable progress) {
        this.sink = file;
        this.ascii = asciiMode ? new Ascii.Decoder() : null;
        this.onProgress = progress;
        writeKept();
    }

    /** Sends what the ASCII decoder held back, at the end of an upload. */
    @Nullable Deferred<@Nullable Void> flushAscii() {
        Ascii.Decoder decoder = ascii;
        WriteFile file = sink;
        if (decoder == null || file == null) {
            return null;
        }
        ByteBuffer rest = decoder.finish();
        return rest.hasRemaining() ? file.write(rest) : null;
    }

    /**
     * Fires once everything received has been written (what arrived early included), or fails with the
     * first write's failure.
     */
    Deferred<@Nullable Void> written() {
        Failure failed = writeFailure;
        if (failed != null) {
            return Deferred.fail(failed);
        }
        if (!isWriting()) {
            return Deferred.succeed(null);
        }
        Deferred<@Nullable Void> waiter = new Deferred<>();
        writtenWaiters.add(waiter);
        return waiter;
    }

    /** The failure of the upload's first failed write, if one failed. */
    @Nullable Failure writeFailure() {
        return writeFailure;
    }

    private boolean isWriting() {
        Deferred<@Nullable Void> current = writing;
        return !kept.isEmpty() || (current != null && !current.isCalled());
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (writeFailure != null) {
            return; // the connection is being aborted
        }
        if (sink == null || isWriting()) {
            // arrives before the upload is attached, or while a write is under way (reading is paused, but
            // the bytes of a read in progress still come): kept, within a bound, for their turn
            keptBytes += data.remaining();
            if (keptBytes > MAX_EARLY_BYTES) {
                transport().abortConnection();
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            kept.add(copy);
            transport().pauseProducing();
            return;
        }
        write(data);
    }

    /** Writes the kept bytes in order, each once the one before is done; then reads again. */
    private void writeKept() {
        while (writeFailure == null && !kept.isEmpty() && (writing == null || writing.isCalled())) {
            ByteBuffer next = kept.removeFirst();
            keptBytes -= next.remaining();
            write(next);
        }
        if (isWriting() || writeFailure != null) {
            return;
        }
        List<Deferred<@Nullable Void>> waiting = List.copyOf(writtenWaiters);
        writtenWaiters.clear();
        for (Deferred<@Nullable Void> waiter : waiting) {
            waiter.callback(null);
        }
        if (!lost.isCalled()) {
            transport().resumeProducing();
        }
    }

    private void write(ByteBuffer data) {
        WriteFile file = java.util.Objects.requireNonNull(sink);
        received += data.remaining();
        Runnable progress = onProgress;
        if (progress != null) {
            progress.run();
        }
        Ascii.Decoder decoder = ascii;
        ByteBuffer bytes = decoder == null ? data : decoder.decode(data);
        Deferred<@Nullable Void> done = file.write(bytes);
        if (done.isCalled()) {
            done.addErrback(this::writeFailed);
            return;
        }
        transport().pauseProducing();
        writing = done;
        done.addCallbacks(ok -> {
            writeKept();
            return null;
        }, this::writeFailed);
    }

    /** A write failed: nothing more is written, the connection is closed, and the waiters learn why. */
    private @Nullable Void writeFailed(Failure failure) {
        if (writeFailure == null) {
            writeFailure = failure;
            kept.clear();
            keptBytes = 0;
            List<Deferred<@Nullable Void>> waiting = List.copyOf(writtenWaiters);
            writtenWaiters.clear();
            for (Deferred<@Nullable Void> waiter : waiting) {
                waiter.errback(failure);
            }
            if (!lost.isCalled()) {
                transport().abortConnection();
            }
        }
        return null;
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!ready.isCalled()) {
            ready.errback(new FtpError(425, "Data connection closed before it was ready."));
        }
        if (!secured.isCalled()) {
            secured.errback(new FtpError(425, "Data connection closed before it was ready."));
        }
        this.reason = reason;
        lost.callback(null);
    }
}
