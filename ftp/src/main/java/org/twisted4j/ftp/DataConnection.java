package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import java.util.Arrays;
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
    private @Nullable Runnable onProgress;
    private long received;
    private final java.util.List<ByteBuffer> pending = new java.util.ArrayList<>();
    private long early;

    /** The most bytes kept from a data connection before its upload is attached. */
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
        // the client starts its handshake when it likes, before or after the 150 reply (ftplib does it after)
        transport().resumeProducing();
        TlsTransport secure = upgradable.startTLS(options, false);
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

    /** Starts reading into {@code file}, converting CRLF to LF if {@code asciiMode}. */
    void receiveInto(WriteFile file, boolean asciiMode, Runnable progress) {
        this.sink = file;
        this.ascii = asciiMode ? new Ascii.Decoder() : null;
        this.onProgress = progress;
        while (!pending.isEmpty()) {
            dataReceived(pending.remove(0));
        }
        transport().resumeProducing();
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

    @Nullable Deferred<@Nullable Void> pendingWrite() {
        Deferred<@Nullable Void> current = writing;
        return current == null || current.isCalled() ? null : current;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        WriteFile file = sink;
        if (file == null) {
            // arrived before the upload was attached (the connection is paused, but a read may be under way)
            early += data.remaining();
            if (early > MAX_EARLY_BYTES) {
                transport().abortConnection();
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            pending.add(copy);
            transport().pauseProducing();
            return;
        }
        received += data.remaining();
        Runnable progress = onProgress;
        if (progress != null) {
            progress.run();
        }
        Ascii.Decoder decoder = ascii;
        ByteBuffer bytes = decoder == null ? data : decoder.decode(data);
        Deferred<@Nullable Void> written = file.write(bytes);
        if (!written.isCalled()) {
            transport().pauseProducing();
            writing = written;
            written.addBoth(result -> {
                if (lost.isCalled()) {
                    return result;
                }
                transport().resumeProducing();
                return result;
            });
        }
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
