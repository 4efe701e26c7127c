package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.Realm;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.socks.CredentialsChecker;
import org.twisted4j.protocols.socks.SocksFactory;
import org.twisted4j.protocols.socks.SocksOptions;

/**
 * The {@code socks} plugin, as Twisted's: a SOCKS proxy (versions 4, 4a and 5, CONNECT only).
 *
 * <pre>
 * twist socks --interface 127.0.0.1 --port 1080 --log socks.log --auth file:users.txt
 * </pre>
 * With {@code --auth TYPE:ARGUMENT} (cred's strcred types that check user names and passwords: {@code file:PATH},
 * {@code memory:USER:PASSWORD:...}, {@code unix}; see {@code --help-auth} and {@code --help-auth-type=TYPE}),
 * SOCKS5 clients must log in with a user name and password the checker accepts, and SOCKS4 clients, which cannot
 * send a password, are refused. A {@code file:} is read as {@link org.twisted4j.cred.FilePasswordDB} reads it:
 * {@code user:password} lines, split at every colon (so a password cannot hold one), lines with fewer than two
 * fields skipped, crypt hashes ({@code $2b$}, {@code $6$}, ...) accepted as well as clear text. Twisted's
 * {@code twist socks} has no {@code --auth}. {@code --log} appends one line per request. Once
 * listening, it logs {@code socks listening on HOST:PORT}.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class SocksPlugin implements ServiceMaker {

    private static final Logger log = new Logger("socks");

    /** The {@code --auth} types whose checkers take user names and passwords, which is what SOCKS5 sends. */
    private static final AuthOptions AUTH = new AuthOptions(Set.of(UsernamePassword.class));

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SocksPlugin() {
    }

    @Override
    public String tapname() {
        return "socks";
    }

    @Override
    public String description() {
        return "A SOCKSv4/4a/5 proxy.";
    }

    @Override
    public Options options() {
        return AUTH.addTo(new Options("socks [-i <interface>] [-p <port>] [-l <file>] [--auth <type>:<argument>]")
                .description("A SOCKS proxy: versions 4, 4a and 5, with the CONNECT command. With --auth, SOCKS5 "
                        + "clients must log in with a user name and password the checker accepts, and SOCKS4 "
                        + "clients are refused.")
                .add(Option.value("interface").shortName('i').defaultValue("127.0.0.1")
                        .help("The local interface to listen on."))
                .add(Option.integer("port").shortName('p').defaultValue("1080").help("The port to listen on."))
                .add(Option.value("log").shortName('l').metavar("FILE")
                        .help("A file to append a line to for each request.")));
    }

    /** Prints the help of {@code --help-auth} or {@code --help-auth-type=TYPE} instead of serving. */
    @Override
    public Optional<String> requestedHelp(ParsedOptions options) {
        return AUTH.help(options);
    }

    /**
     * Builds a listening service whose connections go to a {@link SocksFactory}.
     *
     * @throws UsageError if an option's value is unusable: the port out of range, an {@code --auth} of an unknown
     *     type, a type that does not check passwords, or an argument the type refuses, a log file that cannot be
     *     opened
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTCP tcp)) {
            throw new UsageError("socks needs a reactor with TCP");
        }
        String bindInterface = String.valueOf(options.string("interface"));
        int port = options.integer("port");
        SocksOptions socks = SocksOptions.defaults();
        List<org.twisted4j.cred.CredentialsChecker> checkers = AUTH.checkers(options);
        if (!checkers.isEmpty()) {
            socks = socks.withCredentials(credentialsFrom(checkers));
        }
        String logPath = options.string("log");
        Writer requestLog = logPath == null ? null : openLog(logPath);
        socks = socks.withLog(requestLog);
        StreamServerEndpointService listening;
        try {
            listening = new StreamServerEndpointService(Endpoints.serverFromString(reactor,
                    "tcp:" + port + ":interface=" + Endpoints.quoteStringArgument(bindInterface)),
                    new SocksFactory(tcp, socks));
        } catch (IllegalArgumentException e) {
            throw new UsageError("socks: " + e.getMessage());
        }
        listening.setRaiseSynchronously(true);
        listening.whenListening().addCallback(port0 -> {
            log.info("socks listening on {address}", "address", PortForwardPlugin.describe(port0.getHost()));
            return null;
        });
        return requestLog == null ? listening : new ClosingLog(listening, requestLog);
    }

    /**
     * Checks SOCKS5 user names and passwords through a {@link Portal} holding the {@code --auth} checkers: a login
     * that succeeds accepts, a {@link LoginFailed} refuses, and any other failure refuses too (the SOCKS server
     * logs it).
     */
    private static CredentialsChecker credentialsFrom(List<org.twisted4j.cred.CredentialsChecker> checkers) {
        Realm realm = (avatarId, mind, interfaces) ->
                Deferred.succeed(new LoginResult(String.class, avatarId, LoginResult.NO_LOGOUT));
        Portal portal = new Portal(realm, checkers.toArray(org.twisted4j.cred.CredentialsChecker[]::new));
        return (user, password) -> portal.login(UsernamePassword.of(user, password), null, String.class)
                .addCallbacks(result -> true, failure -> {
                    if (failure.check(LoginFailed.class) != null) {
                        return false;
                    }
                    throw failure.raise();
                });
    }

    private static Writer openLog(String path) {
        try {
            return Files.newBufferedWriter(Path.of(path), UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UsageError("--log: cannot open " + path + ": " + e.getMessage());
        }
    }

    /** The listening service, and the request log closed once it has stopped. */
    private static final class ClosingLog extends MultiService {
        private final Writer requestLog;

        ClosingLog(Service listening, Writer requestLog) {
            this.requestLog = requestLog;
            addService(listening);
        }

        @Override
        public Deferred<@Nullable Void> stopService() {
            return super.stopService().addBoth(outcome -> {
                requestLog.close();
                return outcome;
            }).addCallback(ignored -> null);
        }
    }
}
