package org.twisted4j.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server under soak, as the clients see it: its plain and TLS ports on 127.0.0.1, a TLS context trusting its
 * certificate, and the files it serves (read once, to check bodies against). Any thread.
 *
 * @param host the address, always 127.0.0.1
 * @param tcpPort the plain port (HTTP/1.1 and h2c)
 * @param tlsPort the TLS port (HTTP/1.1 or h2 by ALPN)
 * @param tls trusts the server's certificate
 * @param files the served files by name (relative to the served directory), with their bytes
 */
record Target(String host, int tcpPort, int tlsPort, SSLContext tls, Map<String, byte[]> files) {

    /** How long a connection attempt may take, in milliseconds. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    /** How long a read may wait, in milliseconds: nothing in the run should take this long. */
    static final int READ_TIMEOUT_MS = 30_000;

    /**
     * Reads the certificate and the regular files directly under {@code www}, but those whose name starts with
     * a dot.
     *
     * @throws IOException if a file cannot be read
     * @throws GeneralSecurityException if the certificate is not one
     */
    static Target of(int tcpPort, int tlsPort, Path cert, Path www) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("soak", certificate);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        Map<String, byte[]> files = new TreeMap<>();
        try (var list = Files.list(www)) {
            // Names starting with a dot are left out: the server does not serve them (and jcmd's attach
            // mechanism may leave one in the server's working directory).
            for (Path file : list.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
                    .toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return new Target("127.0.0.1", tcpPort, tlsPort, context, Map.copyOf(files));
    }

    /** Returns the bytes of a served file. */
    byte[] file(String name) {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException("no served file " + name);
        }
        return bytes;
    }

    /**
     * Connects, with TLS (ALPN offering http/1.1 only, so the server speaks HTTP/1.1) if {@code secure}; the
     * handshake is done before this returns.
     *
     * @throws IOException if the connection or handshake fails
     */
    Link connect(boolean secure) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(READ_TIMEOUT_MS);
            plain.connect(new InetSocketAddress(host, secure ? tlsPort : tcpPort), CONNECT_TIMEOUT_MS);
            if (!secure) {
                return new Link(plain, plain);
            }
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            parameters.setServerNames(List.of(new SNIHostName("localhost")));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new Link(socket, plain);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * One connection: the socket to read and write (TLS or not) and the TCP socket under it.
     *
     * @param socket what the client reads and writes
     * @param tcp the TCP socket itself (the same as {@code socket} without TLS)
     */
    record Link(Socket socket, Socket tcp) implements AutoCloseable {

        /** Closes in order: TLS's close_notify first, then the TCP connection; errors are ignored. */
        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed, or the peer is gone
            }
            try {
                tcp.close();
            } catch (IOException ignored) {
                // as above
            }
        }

        /** Vanishes: drops the TCP connection with a reset (SO_LINGER 0), with no TLS close_notify. */
        void vanish() {
            try {
                tcp.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            try {
                tcp.close();
            } catch (IOException ignored) {
                // as above
            }
        }

        /** Vanishes quietly: closes the TCP connection (a FIN) with no TLS close_notify. */
        void hangUp() {
            try {
                tcp.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
