package org.twisted4j.internet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes reactors by backend name, as Twisted's {@code --reactor} choice: {@value #NIO} (core's
 * {@link NioReactor}, always there) and the backends {@link ReactorProvider}s add ({@code epoll},
 * {@code io_uring} from {@code twisted4j-nativeio}).
 *
 * <pre>{@code
 * ReactorBackend reactor = Reactors.create("epoll");   // falls back to NIO with one log line
 * ReactorBackend strict = Reactors.require("io_uring"); // throws where io_uring cannot run
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class Reactors {
    /** The name of core's own backend, {@link NioReactor}. */
    public static final String NIO = "nio";

    private Reactors() {
    }

    /** Returns the names of the backends known here: {@value #NIO} first, then those of the providers found. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of(NIO));
        for (ReactorProvider provider : ServiceLoader.load(ReactorProvider.class, Reactors.class.getClassLoader())) {
            if (!names.contains(provider.name())) {
                names.add(provider.name());
            }
        }
        return names;
    }

    /**
     * Makes a reactor of the named backend, or core's NIO reactor with one log line saying why where that
     * backend is not on the path or cannot run here.
     *
     * @param name the backend's name, such as {@code epoll}
     * @return a new reactor, not running yet
     */
    public static ReactorBackend create(String name) {
        try {
            return require(name);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            ReactorLog.info("reactor " + name + " is not available (" + e.getMessage() + "); running on " + NIO);
            return new NioReactor();
        }
    }

    /**
     * Makes a reactor of the named backend, with no fallback.
     *
     * @param name the backend's name, such as {@code epoll}
     * @return a new reactor, not running yet
     * @throws IllegalArgumentException if no backend has that name
     * @throws UnsupportedOperationException if the backend cannot run here; the message says why
     */
    public static ReactorBackend require(String name) {
        if (name.equals(NIO)) {
            return new NioReactor();
        }
        return provider(name).orElseThrow(() -> new IllegalArgumentException(
                "no reactor named " + name + " (known: " + String.join(", ", names()) + ")")).create();
    }

    private static Optional<ReactorProvider> provider(String name) {
        for (ReactorProvider provider : ServiceLoader.load(ReactorProvider.class, Reactors.class.getClassLoader())) {
            if (provider.name().equals(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
