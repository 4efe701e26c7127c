package org.twisted4j.nativeio;

import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorProvider;

/**
 * The {@code epoll} reactor backend: a reactor on Netty's epoll transport, chosen with
 * {@code Reactors.create("epoll")} or {@code twist --reactor epoll}, or made directly with
 * {@code new EpollReactorProvider().create()}. Any thread.
 */
public final class EpollReactorProvider implements ReactorProvider {

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public EpollReactorProvider() {
    }

    @Override
    public String name() {
        return NativeTransport.EPOLL.backendName();
    }

    /** @throws UnsupportedOperationException if epoll's native library does not load here */
    @Override
    public ReactorBackend create() {
        return NativeTransport.EPOLL.newReactor();
    }
}
