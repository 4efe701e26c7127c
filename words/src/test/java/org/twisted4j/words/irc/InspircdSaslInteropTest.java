package org.twisted4j.words.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/**
 * Our {@link IRCClient}'s SASL PLAIN against InspIRCd 3 (Debian's {@code inspircd}, modules {@code cap},
 * {@code sasl}, {@code services_account}, {@code spanningtree}) with Atheme 7.2 (Debian's {@code atheme-services})
 * linked to it as the services server: an account is registered through NickServ by a first connection, then a
 * second connection logs in to it with SASL during registration ({@code 900 RPL_LOGGEDIN}, {@code 903}) and a
 * third, with a wrong password, gets {@code 904} and still registers, not logged in. SASL EXTERNAL over TLS:
 * NickServ is told the fingerprint of a client certificate ({@code CERT ADD}), a connection presenting it logs in,
 * one without a certificate gets {@code 904}. Both servers run with throwaway configurations on free loopback
 * ports; when the tests run as root, InspIRCd is given {@code --runasroot} and Atheme runs as {@code nobody}.
 */
@ExtendWith(TrialExtension.class)
class InspircdSaslInteropTest {

    private static final String UNPRIVILEGED = "nobody";
    private static final String LINK_PASSWORD = "link-secret";
    /** Atheme has no port of its own; the number it prints when it has finished its burst is what is matched. */
    private static final Pattern ATHEME_SYNCHED = Pattern.compile("finished synching with uplink \\((\\d+) ms\\)");

    /** A recording client that also records the numerics {@link IRCClient} handles silently (900, 901). */
    private static final class AccountClient extends RecordingClient {
        AccountClient(NioReactor reactor, String nick) {
            super(reactor, nick);
        }

        @Override
        protected void messageReceived(IrcMessage message) {
            if (message.command().equals("900") || message.command().equals("901")) {
                record("numeric " + message.command() + " " + message.params());
            }
            super.messageReceived(message);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static ExternalServer startInspircd(NioReactor reactor, Path dir, int clientPort, int linkPort,
            List<String> extra) throws Exception {
        Path inspircd = Peer.INSPIRCD.require();
        Path file = dir.resolve("inspircd.conf");
        List<String> conf = new ArrayList<>(List.of(
                "<server name=\"irc.insp.test\" description=\"twisted4j interop\" network=\"TestNet\">",
                "<admin name=\"Test\" nick=\"test\" email=\"test@insp.test\">",
                "<path datadir=\"" + dir + "\" logdir=\"" + dir + "\">",
                "<bind address=\"127.0.0.1\" port=\"" + clientPort + "\" type=\"clients\">",
                "<bind address=\"127.0.0.1\" port=\"" + linkPort + "\" type=\"servers\">",
                "<connect allow=\"*\" timeout=\"60\" pingfreq=\"120\" sendq=\"262144\" recvq=\"8192\" localmax=\"100\""
                        + " globalmax=\"100\" maxchans=\"20\" limit=\"1000\" useident=\"no\">",
                "<pid file=\"" + dir.resolve("inspircd.pid") + "\">",
                "<dns timeout=\"1\">",
                "<module name=\"cap\">",
                "<module name=\"ircv3\">",
                "<module name=\"ircv3_servertime\">",
                "<module name=\"spanningtree\">",
                "<module name=\"services_account\">",
                "<module name=\"sasl\">",
                "<link name=\"services.insp.test\" ipaddr=\"127.0.0.1\" port=\"" + linkPort + "\" allowmask=\"127.0.0.0/8\""
                        + " sendpass=\"" + LINK_PASSWORD + "\" recvpass=\"" + LINK_PASSWORD + "\">",
                "<uline server=\"services.insp.test\" silent=\"yes\">",
                "<sasl target=\"services.insp.test\" requiressl=\"no\">"));
        conf.addAll(extra);
        Files.write(file, conf);
        // InspIRCd 3.15 raises its core-file limit and now and then crashes in InspIRCd::Exit when stopped
        // (SIGSEGV after the test has passed): a hard limit of zero keeps core files out of the build directory.
        List<String> command = new ArrayList<>(List.of(Peer.PRLIMIT.require().toString(), "--core=0", "--",
                inspircd.toString(), "--config=" + file, "--nofork", "--nopid"));
        if (asRoot()) {
            command.add("--runasroot");
        }
        return ExternalServer.start(reactor, "inspircd", command, clientPort, linkPort);
    }

    /**
     * InspIRCd's TLS port for clients ({@code ssl_gnutls}, asking for client certificates, whose SHA-256
     * fingerprints {@code sslinfo} tells the services), with a self-signed certificate for localhost.
     */
    private static List<String> tlsPort(Path dir, int tlsPort) throws Exception {
        // GnuTLS 3.7 (InspIRCd's ssl_gnutls) refuses the PKCS#8 EC key as the JDK encodes it ("ASN1 parser:
        // Element was not found"); an RSA key it reads.
        PrivateCertificate server = CertificateBuilder.selfSigned("localhost").dnsNames("localhost")
                .ipAddresses("127.0.0.1").keyType(CertificateBuilder.KeyType.RSA_2048).build();
        server.save(dir.resolve("server-key.pem"), dir.resolve("server-cert.pem"));
        Path roots = Files.createDirectory(dir.resolve("roots"));
        Files.writeString(roots.resolve("server.pem"), server.certificatesPem());
        return List.of(
                "<module name=\"ssl_gnutls\">",
                "<module name=\"sslinfo\">",
                "<sslprofile name=\"Clients\" provider=\"gnutls\" certfile=\"" + dir.resolve("server-cert.pem")
                        + "\" keyfile=\"" + dir.resolve("server-key.pem") + "\" hash=\"sha256\" requestclientcert=\"yes\">",
                "<bind address=\"127.0.0.1\" port=\"" + tlsPort + "\" type=\"clients\" sslprofile=\"Clients\">");
    }

    /** Starts Atheme linked to InspIRCd's server port and waits until it has finished synching with it. */
    private static ExternalServer startAtheme(NioReactor reactor, Path dir, int linkPort) throws Exception {
        Path atheme = Peer.ATHEME.require();
        Path data = Files.createDirectory(dir.resolve("atheme"));
        Path file = data.resolve("atheme.conf");
        Files.write(file, List.of(
                "loadmodule \"modules/protocol/inspircd\";",
                "loadmodule \"modules/backend/opensex\";",
                "loadmodule \"modules/crypto/posix\";",
                "loadmodule \"modules/nickserv/main\";",
                "loadmodule \"modules/nickserv/register\";",
                "loadmodule \"modules/nickserv/identify\";",
                "loadmodule \"modules/saslserv/main\";",
                "loadmodule \"modules/saslserv/plain\";",
                "loadmodule \"modules/nickserv/cert\";",
                "loadmodule \"modules/saslserv/external\";",
                "serverinfo {", "name = \"services.insp.test\";", "desc = \"Atheme IRC Services\";",
                "numeric = \"00A\";", "recontime = 1;", "netname = \"TestNet\";",
                "hidehostsuffix = \"users.insp.test\";", "adminname = \"test\";", "adminemail = \"test@insp.test\";",
                "registeremail = \"noreply@insp.test\";", "mta = \"/bin/false\";", "loglevel = { all; };",
                "maxlogins = 5;", "maxusers = 5;", "mdlimit = 30;", "emaillimit = 10;", "emailtime = 300;",
                "auth = none;", "casemapping = rfc1459;", "};",
                "uplink \"irc.insp.test\" {", "host = \"127.0.0.1\";", "password = \"" + LINK_PASSWORD + "\";",
                "port = " + linkPort + ";", "};",
                "nickserv {", "nick = \"NickServ\";", "user = \"NickServ\";", "host = \"services.insp.test\";",
                "real = \"Nickname Services\";", "maxnicks = 5;", "expire = 30;", "};",
                "saslserv {", "nick = \"SaslServ\";", "user = \"SaslServ\";", "host = \"services.insp.test\";",
                "real = \"SASL Authentication Agent\";", "};",
                "general {", "ratelimit_uses = 50;", "ratelimit_period = 60;", "commit_interval = 5;",
                "language = \"en\";", "uflags = { };", "cflags = { };", "flood_msgs = 70;", "flood_time = 10;",
                "kline_time = 7;", "uplink_sendq_limit = 1048576;", "};"));
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            // Services have no business running as root: run Atheme as nobody, who must reach and own its data directory.
            command.addAll(List.of(Peer.RUNUSER.require().toString(), "-u", UNPRIVILEGED, "--"));
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path up = dir.toAbsolutePath(); up != null && up.startsWith(tmp) && !up.equals(tmp); up = up.getParent()) {
                Files.setPosixFilePermissions(up, PosixFilePermissions.fromString("rwx--x--x"));
            }
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(data, nobody);
            Files.setOwner(file, nobody);
        }
        command.addAll(List.of(atheme.toString(), "-n", "-c", file.toString(), "-D", data.toString(),
                "-l", data.resolve("atheme.log").toString(), "-p", data.resolve("atheme.pid").toString()));
        return ExternalServer.startAnnouncing(reactor, "atheme", command, ATHEME_SYNCHED);
    }

    private static <C extends RecordingClient> C signOn(NioReactor reactor, int port, C client) throws Exception {
        return signOn(reactor, "tcp:host=127.0.0.1:port=" + port, client);
    }

    private static <C extends RecordingClient> C signOn(NioReactor reactor, String endpoint, C client) throws Exception {
        Coroutine.await(Endpoints.connectProtocol(Endpoints.clientFromString(reactor, endpoint), client));
        Coroutine.await(client.waitFor("signedOn"));
        return client;
    }

    @Test
    void saslPlainLogsInToAnAthemeAccount(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        int clientPort = ExternalServer.freePort();
        int linkPort = ExternalServer.freePort();
        ExternalServer inspircd = startInspircd(reactor, dir, clientPort, linkPort, List.of());
        ExternalServer atheme = null;
        try {
            atheme = startAtheme(reactor, dir, linkPort);

            // A first connection, without SASL, registers the account through NickServ.
            RecordingClient registrar = signOn(reactor, clientPort, new RecordingClient(reactor, "alice"));
            registrar.msg("NickServ", "REGISTER correct-horse alice@insp.test");
            assertThat(Coroutine.await(registrar.waitFor(e -> e.startsWith("noticed NickServ") && e.contains("registered"))))
                    .contains("alice");
            Coroutine.await(registrar.quitAndWait("registered"));

            // The right password: logged in during registration, before the welcome.
            AccountClient alice = new AccountClient(reactor, "alice");
            alice.setSaslPlain("alice", "correct-horse");
            signOn(reactor, clientPort, alice);
            assertThat(alice.availableCapabilities().get("sasl")).as("the mechanisms Atheme told InspIRCd").contains("PLAIN");
            assertThat(alice.enabledCapabilities()).contains("sasl");
            assertThat(alice.events).contains("sasl ok");
            String loggedIn = Coroutine.await(alice.waitFor("numeric 900"));
            assertThat(loggedIn).startsWith("numeric 900 [alice, alice!").endsWith(", alice, You are now logged in as alice]");
            assertThat(alice.events.indexOf("sasl ok")).isLessThan(alice.events.indexOf("signedOn alice"));
            assertThat(alice.account()).as("the account 900 named").isEqualTo("alice");

            // A wrong password: 904, and registration goes on without an account.
            AccountClient mallory = new AccountClient(reactor, "mallory");
            mallory.setSaslPlain("alice", "wrong-horse");
            signOn(reactor, clientPort, mallory);
            assertThat(mallory.events).anyMatch(e -> e.startsWith("sasl failed 904"))
                    .noneMatch(e -> e.equals("sasl ok") || e.startsWith("numeric 900"));
            assertThat(mallory.events).contains("signedOn mallory");
            assertThat(mallory.account()).isNull();

            Coroutine.await(mallory.quitAndWait("bye"));
            Coroutine.await(alice.quitAndWait("bye"));
        } finally {
            if (atheme != null) {
                atheme.stop(reactor);
            }
            inspircd.stop(reactor);
        }
    }

    @Test
    void saslExternalLogsInWithTheClientCertificateNickServKnows(Trial trial, @TempDir Path dir) throws Exception {
        NioReactor reactor = trial.reactor();
        int clientPort = ExternalServer.freePort();
        int linkPort = ExternalServer.freePort();
        int tlsPort = ExternalServer.freePort();
        ExternalServer inspircd = startInspircd(reactor, dir, clientPort, linkPort, tlsPort(dir, tlsPort));
        ExternalServer atheme = null;
        try {
            atheme = startAtheme(reactor, dir, linkPort);
            PrivateCertificate mine = CertificateBuilder.selfSigned("bob").build();
            mine.save(dir.resolve("bob-key.pem"), dir.resolve("bob-cert.pem"));
            String withoutCertificate = "tls:localhost:" + tlsPort + ":trustRoots="
                    + Endpoints.quoteStringArgument(dir.resolve("roots").toString());
            String withCertificate = withoutCertificate + ":certificate="
                    + Endpoints.quoteStringArgument(dir.resolve("bob-cert.pem").toString()) + ":privateKey="
                    + Endpoints.quoteStringArgument(dir.resolve("bob-key.pem").toString());

            // Register the account over TLS with the certificate, then have NickServ remember its fingerprint.
            RecordingClient registrar = signOn(reactor, withCertificate, new RecordingClient(reactor, "bob"));
            registrar.msg("NickServ", "REGISTER battery-staple bob@insp.test");
            Coroutine.await(registrar.waitFor(e -> e.startsWith("noticed NickServ") && e.contains("registered")));
            registrar.msg("NickServ", "CERT ADD");
            assertThat(Coroutine.await(registrar.waitFor(e -> e.startsWith("noticed NickServ") && e.contains("fingerprint"))))
                    .contains(fingerprint(mine.certificate()));
            Coroutine.await(registrar.quitAndWait("registered"));

            AccountClient bob = new AccountClient(reactor, "bob");
            bob.setSaslExternal("");
            signOn(reactor, withCertificate, bob);
            assertThat(bob.availableCapabilities().get("sasl")).contains("EXTERNAL");
            assertThat(bob.events).contains("sasl ok");
            assertThat(Coroutine.await(bob.waitFor("numeric 900"))).endsWith(", bob, You are now logged in as bob]");

            // The same request without a certificate is refused.
            AccountClient stranger = new AccountClient(reactor, "stranger");
            stranger.setSaslExternal("");
            signOn(reactor, withoutCertificate, stranger);
            assertThat(stranger.events).anyMatch(e -> e.startsWith("sasl failed 904"))
                    .noneMatch(e -> e.equals("sasl ok") || e.startsWith("numeric 900"));

            Coroutine.await(stranger.quitAndWait("bye"));
            Coroutine.await(bob.quitAndWait("bye"));
        } finally {
            if (atheme != null) {
                atheme.stop(reactor);
            }
            inspircd.stop(reactor);
        }
    }

    /** The lower-case hex SHA-256 of the certificate, as InspIRCd's {@code sslinfo} and Atheme write it. */
    private static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
