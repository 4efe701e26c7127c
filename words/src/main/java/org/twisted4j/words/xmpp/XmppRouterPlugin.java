package org.twisted4j.words.xmpp;

import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.Service;
import org.twisted4j.application.ServiceMaker;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.application.UsageError;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;

/**
 * {@code twist xmpp-router}: an XMPP router for external components (XEP-0114), as Twisted's
 * {@code twisted.words.xmpproutertap}, with its options: {@code --port} (where components connect, default
 * {@code tcp:5347:interface=127.0.0.1}), {@code --secret} (the shared secret, default {@code secret}) and
 * {@code -v}/{@code --verbose} (log components coming and going).
 *
 * <pre>{@code
 * bin/twist xmpp-router --port tcp:5347:interface=127.0.0.1 --secret s3cret -v
 * }</pre>
 */
public final class XmppRouterPlugin implements ServiceMaker {

    private static final Logger log = new Logger("xmpp.router");

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public XmppRouterPlugin() {
    }

    @Override
    public String tapname() {
        return "xmpp-router";
    }

    @Override
    public String description() {
        return "An XMPP Router server";
    }

    @Override
    public Options options() {
        return new Options("xmpp-router [options]")
                .description("Routes stanzas between XMPP external components (XEP-0114) by their destination "
                        + "domain.")
                .add(Option.value("port").defaultValue("tcp:5347:interface=127.0.0.1").metavar("ENDPOINT")
                        .help("Where components connect: a server endpoint description or a port number."))
                .add(Option.value("secret").defaultValue("secret")
                        .help("The secret components must prove in their handshake."))
                .add(Option.flag("verbose").shortName('v').help("Log components as they connect and leave."));
    }

    /**
     * Builds the router's listening service.
     *
     * @throws UsageError if {@code --port} is not a usable endpoint or the reactor has no clock
     */
    @Override
    public Service makeService(ReactorCore reactor, ParsedOptions options) {
        if (!(reactor instanceof ReactorTime clock)) {
            throw new UsageError("xmpp-router needs a reactor with time");
        }
        String port = String.valueOf(options.string("port"));
        String description = port.chars().allMatch(Character::isDigit) ? "tcp:" + port : port;
        ComponentServerFactory factory = new ComponentServerFactory(new Router(),
                String.valueOf(options.string("secret")), clock);
        factory.setLogTraffic(options.flag("verbose"));
        StreamServerEndpointService service;
        try {
            service = new StreamServerEndpointService(Endpoints.serverFromString(reactor, description), factory);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--port: " + e.getMessage());
        }
        service.setRaiseSynchronously(true);
        service.whenListening().addCallback(listening -> {
            log.info("xmpp-router listening on {address}", "address", listening.getHost());
            return null;
        });
        return service;
    }
}
