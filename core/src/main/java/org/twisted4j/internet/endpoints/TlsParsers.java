package org.twisted4j.internet.endpoints;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ssl.CertificateError;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.Pem;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsVersion;
import org.twisted4j.internet.ssl.TrustRoot;

/** The TLS endpoint parsers: {@code ssl} for servers, {@code ssl} and {@code tls} for clients, as Twisted's. */
final class TlsParsers {
    private TlsParsers() {
    }

    /**
     * {@code ssl:PORT:privateKey=KEY.pem:certKey=CERT.pem:extraCertChain=CHAIN.pem:sslmethod=M:interface=A:
     * backlog=N:dhParameters=F}; positional order port, privateKey, certKey, sslmethod, interface, backlog,
     * extraCertChain, dhParameters, as Twisted's. The key defaults to {@code server.pem}, the certificate to
     * the key's file. {@code dhParameters} is accepted and ignored: the JDK negotiates finite-field groups
     * (RFC 7919) itself and takes no parameter file. {@code sslmethod} may be {@code SSLv23_METHOD} (the
     * default: TLS 1.2 and 1.3) or {@code TLSv1_2_METHOD} (TLS 1.2 only); older methods are refused.
     */
    static final class SslServer implements ServerEndpointParser {
        @Override
        public String prefix() {
            return "ssl";
        }

        @Override
        public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = description.bind("port", "privateKey", "certKey", "sslmethod", "interface",
                    "backlog", "extraCertChain", "dhParameters");
            int port = description.port("port", description.required(args, "port"));
            String keyFile = args.getOrDefault("privateKey", "server.pem");
            String certificateFile = args.getOrDefault("certKey", keyFile);
            PrivateCertificate certificate = load(description, keyFile, certificateFile);
            CertificateOptions.Builder options = CertificateOptions.builder().certificate(certificate);
            String chain = args.get("extraCertChain");
            if (chain != null) {
                options.extraCertificateChain(certificates(description, "extraCertChain", chain));
            }
            String method = args.get("sslmethod");
            if (method != null) {
                switch (method) {
                    case "SSLv23_METHOD" -> { }
                    case "TLSv1_2_METHOD" ->
                        options.minimumVersion(TlsVersion.TLSv1_2).maximumVersion(TlsVersion.TLSv1_2);
                    default -> throw description.invalid("sslmethod", method,
                            "is not supported; use SSLv23_METHOD (TLS 1.2 and 1.3) or TLSv1_2_METHOD");
                }
            }
            TCP4ServerEndpoint tcp = new TCP4ServerEndpoint(description.reactorAs(reactor, ReactorTCP.class), port,
                    BuiltInParsers.backlog(description, args), args.getOrDefault("interface", ""));
            return new TlsServerEndpoint(tcp, options.build());
        }
    }

    /**
     * {@code ssl:host=HOST:port=PORT:timeout=S:bindAddress=A:caCertsDir=DIR:certKey=CERT.pem:privateKey=KEY.pem},
     * also {@code ssl:HOST:PORT}, over TCP to HOST. The server's certificate must match HOST and chain to a
     * certificate in {@code caCertsDir}, or to the platform's roots when it is not given; this is stricter
     * than Twisted, which checks nothing without {@code caCertsDir}. {@code certKey} (with {@code privateKey},
     * which defaults to the same file) is the client certificate to present if asked.
     */
    static final class SslClient implements ClientEndpointParser {
        @Override
        public String prefix() {
            return "ssl";
        }

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = description.bind("host", "port", "timeout", "bindAddress", "certKey",
                    "privateKey", "caCertsDir");
            String host = description.required(args, "host");
            int port = description.port("port", description.required(args, "port"));
            PrivateCertificate client = clientCertificate(description, args, "certKey",
                    "certKey (the client certificate)");
            TrustRoot roots = trust(description, "caCertsDir", args.get("caCertsDir"));
            TCP4ClientEndpoint tcp = new TCP4ClientEndpoint(description.reactorAs(reactor, ReactorTCP.class), host,
                    port, timeout(description, args), bindAddress(description, args));
            return new TlsClientEndpoint(clientOptions(description, host, roots, client), tcp);
        }
    }

    /**
     * {@code tls:HOST:PORT:timeout=S:bindAddress=A:trustRoots=DIR:certificate=CERT.pem:privateKey=KEY.pem}, as
     * Twisted's: host name resolution and connection racing by a {@link HostnameEndpoint}, the server's
     * certificate checked against HOST and the roots in {@code trustRoots} (the platform's if not given), a
     * client certificate presented if {@code certificate} is given (its key in {@code privateKey}, by
     * default the same file).
     */
    static final class TlsClient implements ClientEndpointParser {
        @Override
        public String prefix() {
            return "tls";
        }

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = description.bind("host", "port", "timeout", "bindAddress", "trustRoots",
                    "certificate", "privateKey");
            String host = description.required(args, "host");
            int port = description.port("port", description.required(args, "port"));
            PrivateCertificate client = clientCertificate(description, args, "certificate", "certificate");
            TrustRoot roots = trust(description, "trustRoots", args.get("trustRoots"));
            if (!(reactor instanceof ReactorTCP) || !(reactor instanceof ReactorTime)) {
                throw description.error("the reactor " + reactor + " cannot make TCP connections with timers,"
                        + " which tls: needs");
            }
            HostnameEndpoint endpoint = new HostnameEndpoint((ReactorTCP & ReactorTime) reactor,
                    BuiltInParsers.TcpClient.resolverFor(reactor), host, port, timeout(description, args),
                    bindAddress(description, args), HostnameEndpoint.DEFAULT_ATTEMPT_DELAY);
            return new TlsClientEndpoint(clientOptions(description, host, roots, client), endpoint);
        }
    }

    /** The TLS options for connecting to {@code host}; a host that cannot be a TLS server name is named as bad. */
    private static ClientTlsOptions clientOptions(EndpointDescription description, String host,
            @Nullable TrustRoot roots, @Nullable PrivateCertificate client) {
        try {
            return ClientTlsOptions.optionsForClientTLS(host, roots, client, List.of());
        } catch (IllegalArgumentException e) {
            throw description.invalid("host", host, "is not a valid host name");
        }
    }

    /**
     * Loads the client certificate named by the option {@code certificateOption}, with its key from
     * {@code privateKey} (by default the same file); null if the option is not given.
     *
     * @param missing how the error names the certificate option when {@code privateKey} comes without it
     */
    private static @Nullable PrivateCertificate clientCertificate(EndpointDescription description,
            Map<String, String> args, String certificateOption, String missing) {
        String certificate = args.get(certificateOption);
        String privateKey = args.get("privateKey");
        if (privateKey != null && certificate == null) {
            throw description.error("privateKey given without " + missing);
        }
        return certificate == null ? null : load(description, privateKey != null ? privateKey : certificate, certificate);
    }

    private static PrivateCertificate load(EndpointDescription description, String keyFile,
            String certificateFile) {
        try {
            return PrivateCertificate.load(BuiltInParsers.path(description, "privateKey", keyFile),
                    BuiltInParsers.path(description, "certKey", certificateFile), null);
        } catch (CertificateError e) {
            throw description.error("cannot load the key and certificate: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(EndpointDescription description, String name, String file) {
        try {
            return Pem.readCertificates(BuiltInParsers.path(description, name, file));
        } catch (CertificateError e) {
            throw description.invalid(name, file, "cannot be read: " + e.getMessage());
        }
    }

    private static @Nullable TrustRoot trust(EndpointDescription description, String name, @Nullable String dir) {
        if (dir == null) {
            return null;
        }
        Path directory = BuiltInParsers.path(description, name, dir);
        try {
            return TrustRoot.fromPemDirectory(directory);
        } catch (CertificateError e) {
            throw description.invalid(name, dir, "cannot be read: " + e.getMessage());
        }
    }

    private static double timeout(EndpointDescription description, Map<String, String> args) {
        String timeout = args.get("timeout");
        return timeout == null ? ReactorTCP.DEFAULT_CONNECT_TIMEOUT : description.seconds("timeout", timeout);
    }

    private static @Nullable InetSocketAddress bindAddress(EndpointDescription description, Map<String, String> args) {
        String bind = args.get("bindAddress");
        return bind == null ? null : description.ipAddress("bindAddress", bind);
    }
}
