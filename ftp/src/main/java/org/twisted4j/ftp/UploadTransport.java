package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import java.util.List;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Transport;
import org.twisted4j.protocols.tls.TlsTransport;

/**
 * The transport an upload's protocol writes to on a protected data connection: everything goes to the TLS
 * transport, except that closing half-closes the TLS session ({@link TlsTransport#loseWriteConnection()}).
 * The connection then stays open until the server's close_notify, sent once it has read the whole file, so
 * that the socket is never closed over records the server sent and that lie unread (a TLS 1.3 session
 * ticket): the kernel would answer that with a reset and drop the end of the upload it had not sent yet.
 * Reactor thread only.
 */
final class UploadTransport implements Transport {

    private final TlsTransport tls;

    UploadTransport(TlsTransport tls) {
        this.tls = tls;
    }

    @Override
    public void write(ByteBuffer data) {
        tls.write(data);
    }

    @Override
    public void writeSequence(List<ByteBuffer> data) {
        tls.writeSequence(data);
    }

    @Override
    public void loseConnection() {
        tls.loseWriteConnection();
    }

    @Override
    public void abortConnection() {
        tls.abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return tls.isDisconnecting();
    }

    @Override
    public Address getPeer() {
        return tls.getPeer();
    }

    @Override
    public Address getHost() {
        return tls.getHost();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        tls.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        tls.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
        tls.pauseProducing();
    }

    @Override
    public void resumeProducing() {
        tls.resumeProducing();
    }

    @Override
    public void stopProducing() {
        tls.stopProducing();
    }

    @Override
    public String toString() {
        return "UploadTransport[" + tls + "]";
    }
}
