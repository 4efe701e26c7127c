package org.twisted4j.twist;

import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.portforward.ProxyFactory;

/**
 * The {@code portforward} plugin, as Twisted's: listens on a port and forwards each connection to a host and
 * port.
 *
 * <pre>
 * twist portforward --port tcp:8080 --host example.org --dest_port 80
 * </pre>
 * {@code --port} takes a server endpoint description or a bare port number ({@code 8080} means
 * {@code tcp:8080}). Once listening, it logs {@code portforward listening on HOST:PORT}.
 *
 * <h2>Threading</h2>
 * As {@link ServiceMaker}.
 */
public final class PortForwardPlugin implements ServiceMaker {

    private static final Logger log = new Logger("portforward");

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public PortForwardPlugin() {
    }

    @Override
    public String tapname() {
        return "portforward";
    }

    @Override
    public String description() {
        return "A simple port-forwarder.";
    }

    @Override
    public Options options() {
        return new Options("portforward [options]")
                .description("Listens on --port and forwards each connection to --host:--dest_port.")
                .add(Option.value("port").shortName('p').defaultValue("6666").metavar("ENDPOINT")
                        .help("Where to listen: a server endpoint description or a port number."))
                .add(Option.value("host").shortName('h').defaultValue("localhost")
                        .help("The host to forward to."))
                .add(Option.integer("dest_port").shortName('d').defaultValue("6665").metavar("PORT")
                        .help("The port to forward to."));
    }

    /**
     * Builds a {@link StreamServerEndpointService} whose connections go through a {@link ProxyFactory}; it
     * raises a failure to listen when started, so the runner reports it and exits.
     *
     * @throws UsageError if {@code --port} is not a usable endpoint or {@code --dest_port} is out of range, or
     *     the reactor has no TCP
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTCP tcp)) {
            throw new UsageError("portforward needs a reactor with TCP");
        }
        String port = String.valueOf(options.string("port"));
        String description = port.chars().allMatch(Character::isDigit) ? "tcp:" + port : port;
        String host = String.valueOf(options.string("host"));
        int destPort = options.integer("dest_port");
        ProxyFactory factory;
        StreamServerEndpointService service;
        try {
            factory = new ProxyFactory(tcp, host, destPort);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--dest_port: " + e.getMessage());
        }
        try {
            service = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--port: " + e.getMessage());
        }
        service.setRaiseSynchronously(true);
        service.whenListening().addCallback(listening -> {
            log.info("portforward listening on {address}, forwarding to {host}:{dest_port}",
                    "address", describe(listening.getHost()), "host", host, "dest_port", destPort);
            return null;
        });
        return service;
    }

    static String describe(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host() + ":" + a.port();
            case IPv6Address a -> "[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> a.display();
        };
    }
}
