package org.twisted4j.internet.endpoints;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;

/** A reactor for tests that only build endpoints: it has the TCP and UNIX interfaces but refuses to use them. */
final class UnusedReactor implements ReactorTCP, ReactorUnix {

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String bindInterface) {
        throw new UnsupportedOperationException("not for use");
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        throw new UnsupportedOperationException("not for use");
    }

    @Override
    public ListeningPort listenUNIX(Path path, Factory factory, int backlog, int mode, boolean wantPID) {
        throw new UnsupportedOperationException("not for use");
    }

    @Override
    public Connector connectUNIX(Path path, ClientFactory factory, double timeout, boolean checkPID) {
        throw new UnsupportedOperationException("not for use");
    }

    @Override
    public String toString() {
        return "UnusedReactor";
    }
}
