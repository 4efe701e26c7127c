package org.twisted4j.twist;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
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
 * With {@code --auth file:PATH}, SOCKS5 clients must log in with a user name and password listed in PATH,
 * one {@code user:password} a line (blank lines and lines starting with {@code #} are skipped), and SOCKS4
 * clients, which cannot send a password, are refused. {@code --log} appends one line per request. Once
 * listening, it logs {@code socks listening on HOST:PORT}.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class SocksPlugin implements ServiceMaker {

    private static final Logger log = new Logger("socks");

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
        return new Options("socks [-i <interface>] [-p <port>] [-l <file>] [--auth file:<path>]")
                .description("A SOCKS proxy: versions 4, 4a and 5, with the CONNECT command.")
                .add(Option.value("interface").shortName('i').defaultValue("127.0.0.1")
                        .help("The local interface to listen on."))
                .add(Option.integer("port").shortName('p').defaultValue("1080").help("The port to listen on."))
                .add(Option.value("log").shortName('l').metavar("FILE")
                        .help("A file to append a line to for each request."))
                .add(Option.value("auth").metavar("file:PATH")
                        .help("Require SOCKS5 user names and passwords, listed as user:password lines in PATH."));
    }

    /**
     * Builds a listening service whose connections go to a {@link SocksFactory}.
     *
     * @throws UsageError if an option's value is unusable: the port out of range, an {@code --auth} that is not
     *     {@code file:PATH} or names an unreadable or malformed file, a log file that cannot be opened
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTCP tcp)) {
            throw new UsageError("socks needs a reactor with TCP");
        }
        String bindInterface = String.valueOf(options.string("interface"));
        int port = options.integer("port");
        SocksOptions socks = SocksOptions.defaults();
        String auth = options.string("auth");
        if (auth != null) {
            socks = socks.withCredentials(credentialsFrom(auth));
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

    private static CredentialsChecker credentialsFrom(String auth) {
        if (!auth.startsWith("file:")) {
            throw new UsageError("--auth: only file:PATH is supported, not '" + auth + "'");
        }
        Path path = Path.of(auth.substring("file:".length()));
        List<String> lines;
        try {
            lines = Files.readAllLines(path, UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new UsageError("--auth: cannot read " + path + ": " + e.getMessage());
        }
        Map<String, String> passwords = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UsageError("--auth: " + path + " line " + (i + 1) + " is not user:password");
            }
            passwords.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return CredentialsChecker.of((user, password) -> password.equals(passwords.get(user)));
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
