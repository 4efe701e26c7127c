package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.defer.TimeoutError;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;

/**
 * Connects through an HTTP proxy's tunnel: connects to the proxy, asks {@code CONNECT host:port}, and once
 * the proxy answers 2xx gives the connection to the protocol {@code factory} builds, which then talks to the
 * server at the far end (TLS, wrapped around this endpoint by a {@code TlsClientEndpoint}). Any other answer,
 * or none within the timeout, fails the Deferred with a {@link ProxyTunnelError} and closes the connection.
 *
 * <p>Threading: reactor thread only.
 */
final class TunnelEndpoint implements StreamClientEndpoint {

    /** The longest CONNECT response head read. */
    static final int MAX_HEAD = 16 * 1024;

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: ([^\r\n]*))?");

    private final StreamClientEndpoint proxy;
    private final ReactorTime clock;
    private final String authority;
    private final @Nullable String proxyAuthorization;
    private final double timeout;

    /**
     * @param proxy connects to the proxy
     * @param clock times the proxy's answer
     * @param authority {@code host:port} to ask for, an IPv6 host in brackets
     * @param proxyAuthorization the Proxy-Authorization field's value, or null
     * @param timeout seconds to wait for the answer once connected, or 0 for no limit
     */
    TunnelEndpoint(StreamClientEndpoint proxy, ReactorTime clock, String authority,
            @Nullable String proxyAuthorization, double timeout) {
        this.proxy = proxy;
        this.clock = clock;
        this.authority = authority;
        this.proxyAuthorization = proxyAuthorization;
        this.timeout = timeout;
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
        return new Tunnel(factory).start();
    }

    @Override
    public String toString() {
        return "TunnelEndpoint[" + authority + " via " + proxy + "]";
    }

    /** One tunnel: the CONNECT exchange, then every event passed to the protocol inside. */
    private final class Tunnel extends Protocol {
        private final Factory factory;
        private final Deferred<Protocol> result = new Deferred<>(this::cancel);
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private @Nullable Deferred<Protocol> connecting;
        private @Nullable DelayedCall timer;
        private @Nullable Protocol inner;
        private boolean connected;

        Tunnel(Factory factory) {
            this.factory = factory;
        }

        Deferred<Protocol> start() {
            Deferred<Protocol> attempt = proxy.connect(Factory.forProtocol(() -> this));
            connecting = attempt;
            attempt.addErrback(failure -> {
                if (!result.isCalled()) {
                    result.errback(failure);
                }
                return null;
            });
            return result;
        }

        @Override
        public void connectionMade() {
            connected = true;
            if (result.isCalled()) {
                transport().abortConnection();
                return;
            }
            StringBuilder out = new StringBuilder(128);
            out.append("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
            if (proxyAuthorization != null) {
                out.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
            }
            out.append("\r\n");
            transport().write(ByteBuffer.wrap(out.toString().getBytes(ISO_8859_1)));
            if (timeout > 0) {
                timer = clock.callLater(timeout, () -> {
                    timer = null;
                    refuse(ProxyTunnelError.NO_ANSWER, "no answer to CONNECT within " + timeout + " seconds",
                            new TimeoutError(timeout, "CONNECT"));
                });
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            Protocol through = inner;
            if (through != null) {
                through.dataReceived(data);
                return;
            }
            if (result.isCalled()) {
                return;
            }
            int before = head.size();
            int take = Math.min(data.remaining(), MAX_HEAD + 4 - before);
            byte[] bytes = new byte[take];
            data.get(bytes);
            head.writeBytes(bytes);
            byte[] all = head.toByteArray();
            int end = endOfHead(all, Math.max(0, before - 3));
            if (end < 0) {
                if (all.length > MAX_HEAD) {
                    refuse(ProxyTunnelError.NO_ANSWER, "the proxy's answer to CONNECT is longer than " + MAX_HEAD
                            + " bytes", null);
                }
                return;
            }
            // What followed the head in this read was not taken from data (or was put back): it is the tunnel's.
            data.position(data.position() - (all.length - end));
            answered(new String(all, 0, end, ISO_8859_1), data);
        }

        private void answered(String text, ByteBuffer rest) {
            String statusLine = text.substring(0, text.indexOf('\n')).strip();
            Matcher status = STATUS.matcher(statusLine);
            if (!status.matches()) {
                refuse(ProxyTunnelError.NO_ANSWER, "the proxy's answer is not an HTTP response: '" + statusLine
                        + "'", null);
                return;
            }
            int code = Integer.parseInt(status.group(1));
            String phrase = status.group(2) == null ? "" : status.group(2).strip();
            if (code >= 100 && code < 200) {
                head.reset(); // an interim answer: the real one follows
                if (rest.hasRemaining()) {
                    dataReceived(rest);
                }
                return;
            }
            if (code < 200 || code > 299) {
                refuse(code, phrase, null);
                return;
            }
            cancelTimer();
            Protocol built;
            try {
                built = factory.buildProtocol(transport().getPeer());
            } catch (RuntimeException e) {
                transport().abortConnection();
                result.errback(e);
                return;
            }
            if (built == null) {
                refuse(ProxyTunnelError.NO_ANSWER, "no protocol was built for the tunnel", null);
                return;
            }
            inner = built;
            built.makeConnection(transport());
            result.callback(built);
            if (rest.hasRemaining()) {
                built.dataReceived(rest);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            cancelTimer();
            Protocol through = inner;
            if (through != null) {
                through.connectionLost(reason);
            } else if (!result.isCalled()) {
                result.errback(new ProxyTunnelError(authority, ProxyTunnelError.NO_ANSWER,
                        "the proxy closed the connection before answering CONNECT", reason.value()));
            }
        }

        private void refuse(int code, String phrase, @Nullable Throwable cause) {
            cancelTimer();
            transport().abortConnection();
            if (!result.isCalled()) {
                result.errback(new ProxyTunnelError(authority, code, phrase, cause));
            }
        }

        private void cancel(Deferred<Protocol> cancelled) {
            cancelTimer();
            if (connected) {
                transport().abortConnection();
            } else if (connecting != null) {
                connecting.cancel();
            }
            if (!cancelled.isCalled()) {
                cancelled.errback(new CancelledError("the tunnel to " + authority + " was cancelled"));
            }
        }

        private void cancelTimer() {
            DelayedCall t = timer;
            timer = null;
            if (t != null && t.active()) {
                t.cancel();
            }
        }
    }

    /** Returns the index just past the head's blank line in {@code bytes}, searching from {@code from}, or -1. */
    static int endOfHead(byte[] bytes, int from) {
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}
