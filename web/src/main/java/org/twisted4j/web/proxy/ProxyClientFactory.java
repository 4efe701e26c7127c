package org.twisted4j.web.proxy;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.Request;

/**
 * Connects one client request to the server behind the proxy: builds its {@link ProxyClient}, answers 502 if
 * the connection cannot be made, and calls the attempt or the connection off if the client goes away first.
 *
 * <p>Threading: reactor thread only.
 */
final class ProxyClientFactory extends ClientFactory {

    private static final Logger LOG = Logger.forClass(ProxyClientFactory.class);

    private final Request request;
    private final ByteBuffer outgoing;
    private final @Nullable Consumer<ProxyClient> observer;
    private @Nullable Connector connector;
    private @Nullable ProxyClient client;
    private boolean clientGone;

    ProxyClientFactory(Request request, ByteBuffer outgoing, @Nullable Consumer<ProxyClient> observer) {
        this.request = request;
        this.outgoing = outgoing;
        this.observer = observer;
    }

    /** Starts watching the client: if it goes away, the connection to the server is dropped. */
    void start(Connector connector) {
        this.connector = connector;
        request.notifyFinish().addErrback(reason -> {
            clientGone();
            return null;
        });
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        ProxyClient made = new ProxyClient(request, outgoing);
        made.setFactory(this);
        client = made;
        if (observer != null) {
            observer.accept(made);
        }
        if (clientGone) {
            made.clientGone();
        }
        return made;
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (clientGone || request.isFinished()) {
            return;
        }
        LOG.warn("could not connect to {server} for {request}: {reason}", "server", connector.getDestination(),
                "request", request.toString(), "reason", reason.getErrorMessage());
        ProxyClient.badGateway(request, "Could not connect to the server behind this one.");
    }

    private void clientGone() {
        clientGone = true;
        ProxyClient made = client;
        if (made != null) {
            made.clientGone();
        } else if (connector != null) {
            connector.disconnect();
        }
    }
}
