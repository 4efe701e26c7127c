package org.twisted4j.words.service;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.cred.AuthOptions;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;

/**
 * The {@code words} plugin, as Twisted's {@code twist words}: a chat service with groups and users, served over
 * IRC.
 *
 * <pre>
 * twist words --irc-port tcp:6667 --group twisted --group java --auth memory:alice:secret:bob:hunter2
 * </pre>
 *
 * <ul>
 *   <li>{@code --irc-port ENDPOINT} (repeatable; {@code ssl:} endpoints for TLS): where to serve IRC. Twisted
 *   serves nothing without it; here the default is {@code tcp:6667}.</li>
 *   <li>{@code --hostname NAME}: the server's name (default this machine's).</li>
 *   <li>{@code --group NAME} (repeatable): a group (channel {@code #NAME}) that always exists.</li>
 *   <li>{@code --auth TYPE:ARG} (core's {@link AuthOptions}, user names and passwords) and {@code --passwd FILE}
 *   (Twisted's older spelling of {@code --auth file:FILE}): with any checker, users must log in (SASL PLAIN,
 *   PASS, or NickServ); without, anyone may connect.</li>
 *   <li>{@code --create-groups}: let JOIN make groups (off, as in Twisted).</li>
 *   <li>{@code --oper USER} (repeatable): an account that may become an IRC operator with OPER.</li>
 *   <li>{@code --motd FILE}, {@code --flood-burst}, {@code --flood-rate}, {@code --ping-interval},
 *   {@code --ping-timeout}: see {@link ChatService}.</li>
 * </ul>
 * Twisted's {@code --pb-port} (the words service over Perspective Broker) is refused: it is not built.
 *
 * <p>Threading: as {@link ServiceMaker}.
 */
public final class WordsPlugin implements ServiceMaker {

    private static final Logger log = new Logger("words");
    private static final AuthOptions AUTH = new AuthOptions(Set.of(UsernamePassword.class));

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public WordsPlugin() {
    }

    @Override
    public String tapname() {
        return "words";
    }

    @Override
    public String description() {
        return "A chat service with groups and users, served over IRC.";
    }

    @Override
    public Options options() {
        Options options = new Options("words [options]")
                .description("Serves a chat service over IRC (RFC 2812 with IRCv3 CAP, SASL PLAIN, multi-prefix, "
                        + "server-time): groups from --group, users logging in through --auth.")
                .add(Option.repeatable("irc-port").metavar("ENDPOINT")
                        .help("strports description of the port to bind for the IRC server; may be repeated (default tcp:6667)."))
                .add(Option.value("hostname").metavar("NAME").help("Name of this server; purely informative (default this machine's name)."))
                .add(Option.repeatable("group").metavar("NAME").help("Specify a group which should exist; may be repeated."))
                .add(Option.repeatable("passwd").metavar("FILE")
                        .help("Name of a passwd-style file (user:password lines); the same as --auth file:FILE."))
                .add(Option.flag("create-groups").help("Let JOIN create groups that do not exist (default: only --group ones)."))
                .add(Option.repeatable("oper").metavar("USER").help("An account allowed to become IRC operator with OPER; may be repeated."))
                .add(Option.value("motd").metavar("FILE").help("A file whose lines are the message of the day."))
                .add(Option.value("flood-burst").metavar("LINES").defaultValue(String.valueOf(ChatService.DEFAULT_FLOOD_BURST))
                        .help("Lines a client may send at once before flood control (default 30)."))
                .add(Option.value("flood-rate").metavar("PER_SECOND").defaultValue("10")
                        .help("Lines a second a client may send after its burst; past it the client is disconnected; 0 turns flood control off (default 10)."))
                .add(Option.value("ping-interval").metavar("SECONDS").defaultValue("120")
                        .help("Seconds of silence before the server PINGs a client (default 120)."))
                .add(Option.value("ping-timeout").metavar("SECONDS").defaultValue("60")
                        .help("Seconds after that PING before a silent client is disconnected (default 60)."))
                .add(Option.value("pb-port").metavar("ENDPOINT").help("Not available: the Perspective Broker interface is not built."));
        return AUTH.addTo(options);
    }

    @Override
    public Optional<String> requestedHelp(ParsedOptions options) {
        return AUTH.help(options);
    }

    /**
     * Builds the service.
     *
     * @throws UsageError if an option is refused or malformed
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (options.isGiven("pb-port")) {
            throw new UsageError("--pb-port is not supported: the words service is served over IRC only");
        }
        if (!(reactor instanceof ReactorTime time)) {
            throw new UsageError("words needs a reactor with timers");
        }
        String hostname = options.string("hostname");
        ChatService service = new ChatService(hostname != null ? hostname : localName());
        for (String group : options.strings("group")) {
            try {
                service.createGroup(group);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--group " + group + ": " + e.getMessage());
            }
        }
        service.setCreateGroupOnRequest(options.flag("create-groups"));
        service.addOperators(options.strings("oper"));
        try {
            service.setFloodLimits(Integer.parseInt(String.valueOf(options.string("flood-burst"))),
                    Double.parseDouble(String.valueOf(options.string("flood-rate"))));
            service.setPingTimes(Double.parseDouble(String.valueOf(options.string("ping-interval"))),
                    Double.parseDouble(String.valueOf(options.string("ping-timeout"))));
        } catch (IllegalArgumentException e) {
            throw new UsageError("flood or ping option: " + e.getMessage());
        }
        String motd = options.string("motd");
        if (motd != null) {
            try {
                service.setMotd(Files.readAllLines(Path.of(motd)));
            } catch (IOException e) {
                throw new UsageError("--motd " + motd + ": " + e.getMessage());
            }
        }
        List<CredentialsChecker> checkers = new java.util.ArrayList<>(AUTH.checkers(options));
        for (String file : options.strings("passwd")) {
            checkers.add(AUTH.checker("file:" + file));
        }
        Portal portal = checkers.isEmpty() ? null : new Portal(service, checkers.toArray(CredentialsChecker[]::new));
        IrcServerFactory factory = new IrcServerFactory(service, time, portal);
        List<String> ports = options.strings("irc-port");
        MultiService multi = new MultiService();
        for (String description : ports.isEmpty() ? List.of("tcp:6667") : ports) {
            StreamServerEndpointService listening;
            try {
                listening = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--irc-port " + description + ": " + e.getMessage());
            }
            listening.setRaiseSynchronously(true);
            listening.whenListening().addCallback(port -> {
                log.info("irc listening on {address}", "address", describe(port.getHost()));
                return null;
            });
            multi.addService(listening);
        }
        return multi;
    }

    private static String describe(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> a.display();
        };
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
