package org.twisted4j.ftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateError;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.logger.Logger;

/**
 * {@code twist ftp}: an FTP server, as Twisted's {@code twisted.tap.ftp}, with FTPS and the safety settings
 * Twisted's lacks. Anonymous users read {@code --root}; users from {@code --auth} checkers share it, and may
 * write there with {@code --allow-write}.
 *
 * <pre>{@code
 * twist ftp --port 2121 --root /srv/ftp --auth file:/etc/ftp.passwd --allow-write \
 *     --certificate cert.pem --private-key key.pem --require-tls --passive-ports 50000-50100
 * }</pre>
 *
 * <h2>Threading</h2>
 * {@link #makeService} runs before the reactor starts, on the main thread.
 */
public final class FtpPlugin implements ServiceMaker {

    private static final Logger log = new Logger("ftp");
    private static final AuthOptions AUTH = new AuthOptions();

    /** Made by the service loader. */
    public FtpPlugin() {
    }

    @Override
    public String tapname() {
        return "ftp";
    }

    @Override
    public String description() {
        return "An FTP server with explicit and implicit FTPS.";
    }

    @Override
    public Options options() {
        Options options = new Options("ftp [options]")
                .description("Serves a directory over FTP (RFC 959, 2389, 2428, 3659) and FTPS (RFC 4217): anonymous "
                        + "users read the root; users from --auth share it, writing only with --allow-write. Paths "
                        + "never leave the root; data connections come only from the client's address.")
                .add(Option.value("port").shortName('p').metavar("PORT|ENDPOINT").defaultValue("2121")
                        .help("The port number, or an endpoint such as tcp:21:interface=127.0.0.1; an ssl: endpoint "
                                + "serves implicit FTPS (default 2121)."))
                .add(Option.value("root").shortName('r').metavar("DIR").defaultValue("/usr/local/ftp")
                        .help("The directory served (default /usr/local/ftp)."))
                .add(Option.value("userAnonymous").metavar("NAME").defaultValue("anonymous")
                        .help("The user name that logs in anonymously, read-only (default anonymous)."))
                .add(Option.flag("no-anonymous").help("Refuse anonymous logins."))
                .add(Option.flag("allow-write")
                        .help("Let authenticated users store, delete, rename and make directories under the root."))
                .add(Option.value("passive-ports").metavar("FROM-TO")
                        .help("Take passive data ports from this range only (default any free port)."))
                .add(Option.value("certificate").metavar("PEM")
                        .help("The server certificate (chain) for AUTH TLS and protected data, with --private-key."))
                .add(Option.value("private-key").metavar("PEM").help("The private key of --certificate."))
                .add(Option.flag("require-tls")
                        .help("Refuse logins before AUTH TLS and transfers without PROT P (needs --certificate)."))
                .add(Option.flag("no-tls-session-reuse")
                        .help("Accept protected data connections that do not resume the control connection's TLS "
                                + "session (Python's ftplib does not); reuse is required by default."));
        return AUTH.addTo(options);
    }

    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTime time) || !(reactor instanceof ReactorTCP tcp)) {
            throw new UsageError("ftp needs a reactor with TCP and timers");
        }
        Path root = Path.of(String.valueOf(options.string("root")));
        if (!Files.isDirectory(root)) {
            throw new UsageError("--root " + root + ": not a directory");
        }
        boolean anonymous = !options.flag("no-anonymous");
        FtpRealm realm = new FtpRealm(anonymous ? root : null).setSharedRoot(root)
                .setDefaultPermissions(options.flag("allow-write") ? EnumSet.allOf(FtpPermission.class)
                        : EnumSet.of(FtpPermission.READ));
        List<CredentialsChecker> checkers = new ArrayList<>(AUTH.checkers(options));
        if (anonymous) {
            checkers.add(new AllowAnonymousAccess());
        }
        FtpServerFactory factory = new FtpServerFactory(tcp, time,
                new Portal(realm, checkers.toArray(CredentialsChecker[]::new)));
        factory.setAnonymousUser(String.valueOf(options.string("userAnonymous")));
        TlsOptions tls = tlsOptions(options);
        factory.setTlsOptions(tls);
        if (options.flag("require-tls")) {
            if (tls == null) {
                throw new UsageError("--require-tls needs --certificate and --private-key");
            }
            factory.setRequireTls(true);
        }
        factory.setRequireTlsSessionReuse(!options.flag("no-tls-session-reuse"));
        String range = options.string("passive-ports");
        if (range != null) {
            String[] ends = range.split("-", -1);
            try {
                if (ends.length != 2) {
                    throw new IllegalArgumentException("expected FROM-TO");
                }
                factory.setPassivePorts(Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--passive-ports " + range + ": " + e.getMessage());
            }
        }
        String port = String.valueOf(options.string("port"));
        String description = port.chars().allMatch(Character::isDigit) ? "tcp:" + port : port;
        factory.setImplicitTls(description.startsWith("ssl:"));
        StreamServerEndpointService service;
        try {
            service = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--port " + port + ": " + e.getMessage());
        }
        service.setRaiseSynchronously(true);
        service.whenListening().addCallback(listening -> {
            log.info("ftp listening on {address}, serving {root}", "address", listening.getHost(), "root", root);
            return null;
        });
        return service;
    }

    private static @Nullable TlsOptions tlsOptions(ParsedOptions options) {
        String certificate = options.string("certificate");
        String key = options.string("private-key");
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null || key == null) {
            throw new UsageError("--certificate and --private-key go together");
        }
        try {
            return CertificateOptions.builder()
                    .certificate(PrivateCertificate.load(Path.of(key), Path.of(certificate), null)).build();
        } catch (CertificateError e) {
            throw new UsageError("--certificate/--private-key: " + e.getMessage());
        }
    }
}
