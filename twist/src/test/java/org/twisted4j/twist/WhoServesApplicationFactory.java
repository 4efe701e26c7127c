package org.twisted4j.twist;

import java.nio.charset.StandardCharsets;
import org.twisted4j.application.Application;
import org.twisted4j.application.ApplicationFactory;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;

/**
 * An application for {@code twistd -y}: a server on a free loopback port that answers each connection with
 * the name of the thread that serves it, then closes it; it logs where it listens.
 */
public final class WhoServesApplicationFactory implements ApplicationFactory {

    private static final Logger log = new Logger("who-serves");

    /** Created by {@code twistd -y}. */
    public WhoServesApplicationFactory() {
    }

    @Override
    public Application application(NioReactor reactor) {
        Application app = new Application("who-serves");
        StreamServerEndpointService server = new StreamServerEndpointService(
                Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1"), Factory.forProtocol(Name::new));
        server.setServiceParent(app);
        server.whenListening().addCallback(port -> {
            log.info("who-serves listening on {address}", "address", PortForwardPlugin.describe(port.getHost()));
            return null;
        });
        return app;
    }

    static final class Name extends Protocol {
        @Override
        public void connectionMade() {
            transport().write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.UTF_8));
            transport().loseConnection();
        }
    }
}
