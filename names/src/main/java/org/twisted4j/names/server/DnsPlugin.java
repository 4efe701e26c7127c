package org.twisted4j.names.server;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorUDP;
import org.twisted4j.names.CacheResolver;
import org.twisted4j.names.DnsClient;
import org.twisted4j.names.HostsResolver;
import org.twisted4j.names.Name;
import org.twisted4j.names.Resolver;
import org.twisted4j.names.Resolvers;
import org.twisted4j.names.authority.Authority;
import org.twisted4j.names.authority.SecondaryAuthority;
import org.twisted4j.names.authority.TcpPrimary;
import org.twisted4j.names.authority.Zone;
import org.twisted4j.names.authority.ZoneFileError;

/**
 * The {@code dns} plugin, as Twisted's {@code twist dns}: a DNS server for the zones given, recursive on request,
 * over UDP and TCP on one port.
 *
 * <pre>
 * twist dns --bindzone example.com.zone --bindzone example.net.zone -p 5353 -i 127.0.0.1
 * twist dns --zone-class com.example.MyZone --allow-transfer 192.0.2.53 -v
 * twist dns -r -c --hosts-file /etc/hosts -p 5353
 * </pre>
 * {@code --bindzone FILE} (repeatable) serves a BIND master file, its origin the owner of its SOA;
 * {@code --zone-class CLASS} (repeatable) serves the {@link Zone} a public class implementing
 * {@code Supplier<Zone>} builds with its public no-argument constructor (the Java analogue of Twisted's
 * {@code --pyzone}); {@code -p/--port} is the port (default 53, 0 for any free one), {@code -i/--interface}
 * the address (default all); {@code --allow-transfer ADDRESS} (repeatable) lets that address transfer the zones
 * with AXFR (default nobody); {@code -v/--verbose} logs every query; {@code --rate-limit N} limits identical UDP answers to one client network to N a
 * second ({@link ResponseRateLimiter}; {@code --rate-limit-slip} sets its slip). Once listening it logs
 * {@code dns listening on HOST:PORT (TCP and UDP)}.
 *
 * <p>As Twisted's: {@code -r/--recursive} answers other names by asking the name servers of resolv.conf (after
 * /etc/hosts), {@code --resolv-conf FILE} reads that file instead and implies {@code -r}, {@code --hosts-file FILE}
 * answers from a hosts file (before recursion), and {@code -c/--cache} caches what they answer. With any of them
 * no zone is needed. {@code --secondary IP[:PORT]/DOMAIN} (repeatable; {@code [IPv6]:PORT/DOMAIN} with a port)
 * serves DOMAIN as a secondary, transferred by AXFR from the primary at IP (port 53 by default), kept fresh on
 * its SOA timers and at a NOTIFY from that primary. {@code --pyzone} is recognised but not built: a usage error
 * saying so, never silently ignored.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class DnsPlugin implements ServiceMaker {

    private static final String NOT_BUILT = " is not available yet: twisted4j's DNS server has no Python zones; "
            + "serve zones with --bindzone, --zone-class or --secondary";

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public DnsPlugin() {
    }

    @Override
    public String tapname() {
        return "dns";
    }

    @Override
    public String description() {
        return "A domain name server: authoritative for its zones, recursive with -r.";
    }

    @Override
    public Options options() {
        return new Options("dns [--bindzone <file>]... [--zone-class <class>]... [-p <port>] [-i <address>] [options]")
                .description("Answers DNS queries over UDP and TCP from the zones given, authoritatively, and with "
                        + "-r or --hosts-file for other names too.")
                .add(Option.value("port").shortName('p').defaultValue("53").metavar("PORT")
                        .help("The port to listen on, UDP and TCP (default 53; 0 for any free one)."))
                .add(Option.value("interface").shortName('i').defaultValue("").metavar("ADDRESS")
                        .help("The address to listen on (default all)."))
                .add(Option.repeatable("bindzone").metavar("FILE")
                        .help("A BIND master file to serve, its origin the owner of its SOA record; may be repeated."))
                .add(Option.repeatable("zone-class").metavar("CLASS")
                        .help("A public class implementing Supplier<Zone>, with a public no-argument constructor, "
                                + "whose zone to serve; may be repeated."))
                .add(Option.repeatable("allow-transfer").metavar("ADDRESS")
                        .help("An IP address allowed zone transfers (AXFR over TCP); may be repeated "
                                + "(default nobody)."))
                .add(Option.flag("verbose").shortName('v').help("Log every query and its response code."))
                .add(Option.value("pyzone").metavar("FILE")
                        .help("Twisted's Python-source zones: not available; use --zone-class."))
                .add(Option.repeatable("secondary").metavar("IP[:PORT]/DOMAIN")
                        .help("Act as a secondary for the domain, transferring it from the primary at IP."))
                .add(Option.value("hosts-file").metavar("FILE")
                        .help("Perform lookups with a hosts file (A and AAAA records, TTL one hour)."))
                .add(Option.value("resolv-conf").metavar("FILE")
                        .help("Override location of resolv.conf (implies --recursive; default /etc/resolv.conf)."))
                .add(Option.flag("cache").shortName('c').help("Enable record caching (at most "
                        + CacheResolver.DEFAULT_MAX_ENTRIES + " questions, negative answers by their SOA)."))
                .add(Option.flag("recursive").shortName('r')
                        .help("Perform recursive lookups: /etc/hosts, then the name servers of resolv.conf."))
                .add(Option.value("rate-limit").metavar("RESPONSES")
                        .help("Answer one client network (IPv4 /24, IPv6 /56) at most this many identical UDP "
                                + "responses a second, against reflection attacks (default no limit)."))
                .add(Option.value("rate-limit-slip").metavar("N").defaultValue(String.valueOf(
                        ResponseRateLimiter.DEFAULT_SLIP))
                        .help("Over the rate limit, send every Nth response truncated so real clients retry over "
                                + "TCP, and drop the others; 0 drops them all (default 2)."));
    }

    /**
     * Builds the server and the service listening for it.
     *
     * @throws UsageError for an option not built yet, a zone file that cannot be read, a zone class that
     *     cannot be used, no zone at all, a bad port, interface or transfer address
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (options.string("pyzone") != null) {
            throw new UsageError("--pyzone" + NOT_BUILT);
        }
        List<Authority> authorities = new ArrayList<>();
        for (String file : options.strings("bindzone")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                throw new UsageError(file + ": No such file");
            }
            try {
                authorities.add(new Authority(Zone.fromFile(path)));
            } catch (ZoneFileError e) {
                throw new UsageError("Invalid syntax in " + file + ": " + e.getMessage());
            }
        }
        for (String name : options.strings("zone-class")) {
            authorities.add(new Authority(zoneFromClass(name)));
        }
        String hostsFile = options.string("hosts-file");
        String resolvConf = options.string("resolv-conf");
        boolean recursive = options.flag("recursive") || resolvConf != null;
        List<Resolver> clients = new ArrayList<>();
        if (hostsFile != null) {
            if (!Files.exists(Path.of(hostsFile))) {
                throw new UsageError(hostsFile + ": No such file");
            }
            clients.add(new HostsResolver(Path.of(hostsFile)));
        }
        if (recursive) {
            if (!(reactor instanceof ReactorUDP udp) || !(reactor instanceof ReactorTCP tcp)
                    || !(reactor instanceof ReactorTime time)) {
                throw new UsageError("dns: recursion needs a reactor with UDP, TCP and time");
            }
            clients.add(Resolvers.createResolver(udp, tcp, time, List.of(),
                    resolvConf == null ? null : Path.of(resolvConf), null));
        }
        CacheResolver cache = null;
        if (options.flag("cache")) {
            if (!(reactor instanceof ReactorTime time)) {
                throw new UsageError("dns: a cache needs a reactor with time");
            }
            cache = new CacheResolver(time);
        }
        List<String> secondaries = options.strings("secondary");
        if (authorities.isEmpty() && clients.isEmpty() && secondaries.isEmpty()) {
            throw new UsageError("no zone to serve: give --bindzone FILE or --zone-class CLASS (or -r, --hosts-file)");
        }
        int port;
        try {
            port = Integer.parseInt(String.valueOf(options.string("port")));
        } catch (NumberFormatException e) {
            throw new UsageError("Invalid port: '" + options.string("port") + "'");
        }
        DNSServerFactory server = new DNSServerFactory(authorities, cache, clients).setVerbose(options.flag("verbose"));
        try {
            server.setAllowTransfer(options.strings("allow-transfer"));
            String rateLimit = options.string("rate-limit");
            if (rateLimit != null) {
                if (!(reactor instanceof ReactorTime time)) {
                    throw new UsageError("dns: a rate limit needs a reactor with time");
                }
                server.setRateLimiter(new ResponseRateLimiter(time, number("--rate-limit", rateLimit),
                        number("--rate-limit-slip", String.valueOf(options.string("rate-limit-slip")))));
            }
            for (String secondary : secondaries) {
                addSecondary(reactor, server, secondary);
            }
            return new DnsService(reactor, server, port, String.valueOf(options.string("interface")));
        } catch (IllegalArgumentException e) {
            throw new UsageError("dns: " + e.getMessage());
        }
    }

    private static int number(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageError(option + ": not a number: '" + text + "'");
        }
    }

    /** Adds the secondary zone of an {@code IP[:PORT]/DOMAIN} argument. */
    private static void addSecondary(ReactorCore reactor, DNSServerFactory server, String argument) {
        if (!(reactor instanceof ReactorTCP tcp) || !(reactor instanceof ReactorTime time)) {
            throw new UsageError("dns: a secondary zone needs a reactor with TCP and time");
        }
        int slash = argument.lastIndexOf('/');
        if (slash <= 0 || slash == argument.length() - 1) {
            throw new UsageError("--secondary: expected IP[:PORT]/DOMAIN, not '" + argument + "'");
        }
        String address = argument.substring(0, slash);
        String host = address;
        int port = DnsClient.PORT;
        String portText = null;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw new UsageError("--secondary: expected IP[:PORT]/DOMAIN, not '" + argument + "'");
            }
            host = address.substring(1, close);
            if (close + 1 < address.length()) {
                if (address.charAt(close + 1) != ':') {
                    throw new UsageError("--secondary: expected IP[:PORT]/DOMAIN, not '" + argument + "'");
                }
                portText = address.substring(close + 2);
            }
        } else if (address.indexOf(':') >= 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            host = address.substring(0, address.indexOf(':'));
            portText = address.substring(address.indexOf(':') + 1);
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new UsageError("--secondary: invalid port in '" + argument + "'");
            }
        }
        Name domain;
        try {
            domain = Name.of(argument.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--secondary: invalid domain in '" + argument + "': " + e.getMessage());
        }
        server.addSecondary(new SecondaryAuthority(time, domain, new TcpPrimary(tcp, time, host, port)), host);
    }

    private static Zone zoneFromClass(String name) {
        Object made;
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
            made = type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new UsageError("--zone-class: no class " + name);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new UsageError("--zone-class: " + name + " needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new UsageError("--zone-class: " + name + " failed: " + e.getCause());
        }
        if (!(made instanceof Supplier<?> supplier)) {
            throw new UsageError("--zone-class: " + name + " does not implement Supplier<Zone>");
        }
        Object zone;
        try {
            zone = supplier.get();
        } catch (RuntimeException e) {
            throw new UsageError("--zone-class: " + name + " failed to build its zone: " + e.getMessage());
        }
        if (!(zone instanceof Zone built)) {
            throw new UsageError("--zone-class: " + name + " supplied " + zone + ", not a Zone");
        }
        return built;
    }
}
