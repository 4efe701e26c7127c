package org.twisted4j.testing.endpoints;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.ClientFactory;
import org.twisted4j.internet.Connector;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorUnix;

/** A reactor whose every listen and connect throws the error it was made with. */
final class ThrowingReactor implements ReactorTCP, ReactorUnix {
    private final RuntimeException error;

    ThrowingReactor(RuntimeException error) {
        this.error = error;
    }

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String bindInterface) {
        throw error;
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, double timeout,
            @Nullable InetSocketAddress bindAddress) {
        throw error;
    }

    @Override
    public ListeningPort listenUNIX(Path path, Factory factory, int backlog, int mode, boolean wantPID) {
        throw error;
    }

    @Override
    public Connector connectUNIX(Path path, ClientFactory factory, double timeout, boolean checkPID) {
        throw error;
    }
}
