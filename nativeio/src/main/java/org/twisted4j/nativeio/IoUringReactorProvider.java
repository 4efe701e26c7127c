package org.twisted4j.nativeio;

import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorProvider;

/**
 * The {@code io_uring} reactor backend: a reactor on Netty's io_uring transport, chosen with
 * {@code Reactors.create("io_uring")} or {@code twist --reactor io_uring}, or made directly with
 * {@code new IoUringReactorProvider().create()}. Any thread.
 */
public final class IoUringReactorProvider implements ReactorProvider {

    /** Makes the provider; {@link java.util.ServiceLoader} calls this. */
    public IoUringReactorProvider() {
    }

    @Override
    public String name() {
        return NativeTransport.IO_URING.backendName();
    }

    /** @throws UnsupportedOperationException if the native library does not load or the kernel refuses io_uring */
    @Override
    public ReactorBackend create() {
        return NativeTransport.IO_URING.newReactor();
    }
}
