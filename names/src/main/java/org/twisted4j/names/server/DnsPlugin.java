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
import org.twisted4j.names.HostsResolver;
import org.twisted4j.names.Resolver;
import org.twisted4j.names.Resolvers;
import org.twisted4j.names.authority.Authority;
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
 * with AXFR (default nobody); {@code -v/--verbose} logs every query. Once listening it logs
 * {@code dns listening on HOST:PORT (TCP and UDP)}.
 *
 * <p>As Twisted's: {@code -r/--recursive} answers other names by asking the name servers of resolv.conf (after
 * /etc/hosts), {@code --resolv-conf FILE} reads that file instead and implies {@code -r}, {@code --hosts-file FILE}
 * answers from a hosts file (before recursion), and {@code -c/--cache} caches what they answer. With any of them
 * no zone is needed. {@code --pyzone} and {@code --secondary} are recognised but not built: each is a usage
 * error saying so, never silently ignored.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class DnsPlugin implements ServiceMaker {

    private static final String NOT_BUILT = " is not available yet: twisted4j's DNS server has no secondary zones "
            + "or Python zones; serve zones with --bindzone or --zone-class";

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
                .add(Option.value("secondary").metavar("IP[:PORT]/DOMAIN")
                        .help("Act as a secondary for the domain: not available yet."))
                .add(Option.value("hosts-file").metavar("FILE")
                        .help("Perform lookups with a hosts file (A and AAAA records, TTL one hour)."))
                .add(Option.value("resolv-conf").metavar("FILE")
                        .help("Override location of resolv.conf (implies --recursive; default /etc/resolv.conf)."))
                .add(Option.flag("cache").shortName('c').help("Enable record caching (at most "
                        + CacheResolver.DEFAULT_MAX_ENTRIES + " questions, negative answers by their SOA)."))
                .add(Option.flag("recursive").shortName('r')
                        .help("Perform recursive lookups: /etc/hosts, then the name servers of resolv.conf."));
    }

    /**
     * Builds the server and the service listening for it.
     *
     * @throws UsageError for an option not built yet, a zone file that cannot be read, a zone class that
     *     cannot be used, no zone at all, a bad port, interface or transfer address
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        for (String option : List.of("pyzone", "secondary")) {
            if (options.string(option) != null) {
                throw new UsageError("--" + option + NOT_BUILT);
            }
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
        if (authorities.isEmpty() && clients.isEmpty()) {
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
            return new DnsService(reactor, server, port, String.valueOf(options.string("interface")));
        } catch (IllegalArgumentException e) {
            throw new UsageError("dns: " + e.getMessage());
        }
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
