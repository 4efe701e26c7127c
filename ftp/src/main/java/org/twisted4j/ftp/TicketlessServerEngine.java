package org.twisted4j.ftp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * A server engine that issues no TLS 1.3 session ticket: the engine of a protected data connection.
 *
 * <p>A TLS 1.3 server sends its NewSessionTicket after the handshake, as data the client has to read. An FTP
 * client uploading over a protected data connection reads nothing from it, so the ticket lies unread: lftp
 * drops the connection part-way when it arrives mid-upload, and a client that closes its socket over unread
 * data makes the kernel send a reset, which discards the end of the upload. A data connection's session is
 * never resumed (clients resume the control connection's), so its ticket serves nothing.
 *
 * <p>The JDK offers no per-connection switch (only the process-wide {@code
 * jdk.tls.server.newSessionTicketCount}), but it issues tickets only for sessions that may be resumed. So
 * before each record is decrypted during a TLS 1.3 handshake, the handshake session is
 * {@linkplain SSLSession#invalidate() invalidated}: "future connections will not be able to resume or join
 * this session", while this connection goes on with it. The session resumed is a copy (decoded from the
 * client's stateless ticket, or taken out of the cache), so the control connection's session stays valid.
 * TLS 1.2 is left alone: there the resumed session is the cached one, and a ticket is part of the handshake.
 *
 * <p>Everything else is the wrapped engine's. Reactor thread only, as any engine driven by the TLS layer.
 */
final class TicketlessServerEngine extends SSLEngine {

    private static final String TLS_1_3 = "TLSv1.3";

    private final SSLEngine engine;

    private TicketlessServerEngine(SSLEngine engine) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
    }

    /** Options making the engines of {@code options}, each issuing no TLS 1.3 session ticket as a server. */
    static TlsOptions of(TlsOptions options) {
        return (peerHost, peerPort) -> new TicketlessServerEngine(options.newEngine(peerHost, peerPort));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (!engine.getUseClientMode()) {
            SSLSession handshaking = engine.getHandshakeSession();
            if (handshaking != null && TLS_1_3.equals(handshaking.getProtocol()) && handshaking.isValid()) {
                handshaking.invalidate();
            }
        }
        return engine.unwrap(src, dsts, offset, length);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return engine.wrap(srcs, offset, length, dst);
    }

    @Override
    public @Nullable Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public @Nullable SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        engine.setSSLParameters(params);
    }

    @Override
    public @Nullable String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public @Nullable String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public @Nullable BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }
}
