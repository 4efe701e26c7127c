package org.twisted4j.application;

import org.twisted4j.internet.NioReactor;

/**
 * Builds the application that {@code twistd -y CLASS} runs: the Java counterpart of Twisted's {@code .tac}
 * file. Name a public class with a public no-argument constructor that implements this interface; the runner
 * creates it, asks it for the application, and starts that on its reactor.
 *
 * <pre>{@code
 * public final class EchoApp implements ApplicationFactory {
 *     public Application application(NioReactor reactor) {
 *         Application app = new Application("echo");
 *         new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"),
 *             Factory.forProtocol(Echo::new)).setServiceParent(app);
 *         return app;
 *     }
 * }
 * // twistd -n -y com.example.EchoApp
 * }</pre>
 *
 * <h2>Threading</h2>
 * Called once, before the reactor runs, on the thread that will run it.
 */
@FunctionalInterface
public interface ApplicationFactory {

    /**
     * Builds the application.
     *
     * @param reactor the reactor it will run on
     * @return the application, not yet started
     */
    Application application(NioReactor reactor);
}
