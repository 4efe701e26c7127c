package org.twisted4j.testing.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ssl.TlsHandshakeInfo;
import org.twisted4j.protocols.tls.TlsAware;

/** Records what arrives, the order of events, the handshake's outcome, and why the connection ended. */
class Recorder extends Protocol implements TlsAware {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    final CompletableFuture<Failure> lost = new CompletableFuture<>();
    final CompletableFuture<TlsHandshakeInfo> handshake = new CompletableFuture<>();
    /** Written when connected, before the handshake. */
    byte[] greeting = new byte[0];
    /** Echo what arrives back to the peer. */
    boolean echo;

    @Override
    public void connectionMade() {
        events.add("made");
        if (greeting.length > 0) {
            transport().write(greeting);
        }
    }

    @Override
    public void handshakeCompleted(TlsHandshakeInfo info) {
        events.add("handshake");
        handshake.complete(info);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        events.add("data");
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
        if (echo) {
            transport().write(bytes);
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        events.add("lost");
        lost.complete(reason);
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
