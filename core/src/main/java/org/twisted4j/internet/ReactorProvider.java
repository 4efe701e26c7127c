package org.twisted4j.internet;

/**
 * A reactor backend that a module adds, found by {@link Reactors} with {@link java.util.ServiceLoader}: register
 * it with {@code provides org.twisted4j.internet.ReactorProvider with ...} in the module's
 * {@code module-info.java}, and a line in {@code META-INF/services/org.twisted4j.internet.ReactorProvider} for
 * the class path. Core's own {@code nio} needs no provider.
 *
 * <h2>Threading</h2>
 * Any thread; {@link #create()} returns a reactor that is not running yet.
 */
public interface ReactorProvider {

    /** Returns the name the backend is chosen by, such as {@code epoll}: short, lower case. */
    String name();

    /**
     * Makes a reactor of this backend.
     *
     * @return a new reactor, not running yet
     * @throws UnsupportedOperationException if the backend cannot run here (its native part does not load, or
     *     the kernel refuses it); the message says why
     */
    ReactorBackend create();
}
