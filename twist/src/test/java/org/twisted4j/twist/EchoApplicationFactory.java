package org.twisted4j.twist;

import org.twisted4j.application.Application;
import org.twisted4j.application.ApplicationFactory;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.Logger;

/** An application for {@code twistd -y}: an echo server on a free loopback port that logs where it listens. */
public final class EchoApplicationFactory implements ApplicationFactory {

    private static final Logger log = new Logger("echo-app");

    /** Created by {@code twistd -y}. */
    public EchoApplicationFactory() {
    }

    @Override
    public Application application(NioReactor reactor) {
        Application app = new Application("echo");
        StreamServerEndpointService server = new StreamServerEndpointService(
                Endpoints.serverFromString(reactor, "tcp:0:interface=127.0.0.1"), Factory.forProtocol(Echo::new));
        server.setServiceParent(app);
        server.whenListening().addCallback(port -> {
            log.info("echo application listening on {address}", "address", PortForwardPlugin.describe(port.getHost()));
            return null;
        });
        return app;
    }

    static final class Echo extends Protocol {
        @Override
        public void dataReceived(java.nio.ByteBuffer data) {
            transport().write(data);
        }
    }
}
