package org.twisted4j.application;

import java.util.Optional;
import org.twisted4j.internet.ReactorCore;

/**
 * A plugin that builds a service from command-line options, as Twisted's {@code IServiceMaker}: the
 * {@code twist} and {@code twistd} runners find every {@code ServiceMaker} with {@link java.util.ServiceLoader},
 * list them by {@link #tapname()} in {@code twist --help}, and run {@code twist NAME [options]} by parsing
 * the options with {@link #options()} and starting what {@link #makeService} returns.
 *
 * <h2>Writing one</h2>
 * <pre>{@code
 * public final class EchoMaker implements ServiceMaker {
 *     public String tapname() { return "echo"; }
 *     public String description() { return "An echo server."; }
 *     public Options options() {
 *         return new Options("echo [options]")
 *             .add(Option.value("listen").defaultValue("tcp:7").help("the endpoint to listen on"));
 *     }
 *     public Service makeService(ReactorCore reactor, ParsedOptions options) {
 *         return new StreamServerEndpointService(
 *             Endpoints.serverFromString(reactor, options.string("listen")), Factory.forProtocol(Echo::new));
 *     }
 * }
 * }</pre>
 * and register it: {@code provides org.twisted4j.application.ServiceMaker with my.EchoMaker;} in the
 * plugin's {@code module-info.java}, or a line {@code my.EchoMaker} in
 * {@code META-INF/services/org.twisted4j.application.ServiceMaker} on the class path. A provider needs a
 * public no-argument constructor (or, in a module, a public static {@code provider()} method).
 *
 * <h2>Threading</h2>
 * {@link #tapname}, {@link #description} and {@link #options} may be called from any thread;
 * {@link #makeService} is called before the reactor runs, on the thread that will run it.
 */
public interface ServiceMaker {

    /** Returns the plugin's name on the command line ({@code twist NAME}): short, lower case, no spaces. */
    String tapname();

    /** Returns one line saying what the plugin runs, for {@code twist --help}. */
    String description();

    /**
     * Returns a fresh spec of the plugin's options; each call returns a new one, so a caller may add to it.
     *
     * @return the options {@code twist NAME --help} lists
     */
    Options options();

    /**
     * Builds the service the runner will start.
     *
     * @param reactor the reactor the service will run on; the runners pass a
     *     {@link org.twisted4j.internet.NioReactor}, which implements every reactor interface; a plugin needing
     *     one (TCP, processes) may check for it with {@code instanceof} and throw {@link UsageError} if absent
     * @param options the parsed command line, from {@link #options()}
     * @return the service, typically a {@link MultiService} or a single server service
     * @throws UsageError if the options do not make sense together; the runner shows the message and exits
     *     with status 2
     */
    Service makeService(ReactorCore reactor, ParsedOptions options);

    /**
     * Returns help the options asked for besides {@code --help}, such as {@code --help-auth} from
     * {@link org.twisted4j.cred.AuthOptions}: the runner prints it and exits with status 0 instead of building the
     * service. None by default.
     *
     * @param options the parsed command line, from {@link #options()}
     * @return the help text, or empty to run
     * @throws UsageError if the help asked for does not exist, such as an unknown {@code --help-auth-type}
     */
    default Optional<String> requestedHelp(ParsedOptions options) {
        return Optional.empty();
    }
}
