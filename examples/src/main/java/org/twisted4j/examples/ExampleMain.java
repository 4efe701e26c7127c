package org.twisted4j.examples;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.AddressType;
import org.twisted4j.internet.CannotListenError;
import org.twisted4j.internet.ConnectError;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.UNIXAddress;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.logger.LogBeginner;
import org.twisted4j.logger.Logger;
import org.twisted4j.logger.TextFileLogObserver;

/**
 * What every example's {@code main} does around its few lines of protocol code: log to standard output,
 * listen where the command line says and say where, run the reactor until SIGINT or SIGTERM (servers) or
 * until the work is done (clients, as Twisted's {@code task.react}).
 *
 * <h2>Threading</h2>
 * {@link #serve} and {@link #react} run the reactor on the calling thread; {@link #listen} and
 * {@link #announce} belong to the reactor thread.
 */
final class ExampleMain {

    /** Where a stream server listens when the command line does not say. */
    static final String DEFAULT_SERVER = "tcp:8000";

    /** Where a stream client connects when the command line does not say. */
    static final String DEFAULT_CLIENT = "tcp:host=127.0.0.1:port=8000";

    /** How an example server starts listening on a reactor, given where. */
    @FunctionalInterface
    interface Server {
        /**
         * Starts listening.
         *
         * @param reactor the reactor to listen on
         * @param where the first command-line argument, or the default
         * @return fires with the port once it listens
         */
        Deferred<ListeningPort> start(NioReactor reactor, String where) throws Exception;
    }

    private ExampleMain() {
    }

    /**
     * Listens on the endpoint {@code description} with {@code factory} and logs where, as {@link #announce}.
     *
     * @param name the example's name, as {@code bin/run-example} knows it
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    static Deferred<ListeningPort> listen(NioReactor reactor, String name, String description, Factory factory) {
        return Endpoints.serverFromString(reactor, description).listen(factory)
                .addCallback(port -> announce(name, port));
    }

    /** Logs the one line that says where {@code port} listens, "NAME listening on tcp:127.0.0.1:8000". */
    static ListeningPort announce(String name, ListeningPort port) {
        new Logger(name).info("{name} listening on {address}", "name", name, "address", describe(port.getHost()));
        return port;
    }

    /** Writes {@code address} the way an endpoint description would: {@code tcp:127.0.0.1:8000}. */
    static String describe(Address address) {
        return switch (address) {
            case IPv4Address a -> prefix(a.type(), "") + ":" + a.host() + ":" + a.port();
            case IPv6Address a -> prefix(a.type(), "6") + ":[" + a.host() + "]:" + a.port();
            case UNIXAddress a -> "unix:" + a.display();
        };
    }

    private static String prefix(AddressType type, String version) {
        return (type == AddressType.TCP ? "tcp" : "udp") + version;
    }

    /**
     * Runs a server example: starts logging, starts {@code server} on {@code args[0]} (or
     * {@code defaultWhere}) once the reactor runs, and runs it until SIGINT or SIGTERM. If it cannot start,
     * logs why and exits with status 1, as {@link #react} does.
     *
     * @param name the example's name, for its log lines
     * @param args the command line; the first argument, if any, says where to listen
     */
    static void serve(String name, String[] args, String defaultWhere, Server server) {
        String where = args.length > 0 ? args[0] : defaultWhere;
        Deferred<@Nullable Void> forever = new Deferred<>();   // never fires: a server runs until a signal stops it
        react(name, reactor -> Deferred.<ListeningPort>maybeDeferred(() -> server.start(reactor, where))
                .addCallbackDeferred(listening -> forever));
    }

    /**
     * Runs a client example as Twisted's {@code task.react}: starts logging, calls {@code main} once the
     * reactor runs, and stops the reactor when the Deferred it returns fires (SIGINT and SIGTERM stop it
     * sooner). If that Deferred fails, logs why and exits with status 1: in one line for a mistake on the
     * command line (an {@link IllegalArgumentException}), a port that cannot be opened or a connection that
     * cannot be made, with the stack trace for anything else.
     *
     * @param name the example's name, for its log lines
     */
    static void react(String name, Function<NioReactor, Deferred<?>> main) {
        LogBeginner.global().beginLoggingTo(new TextFileLogObserver(System.out));
        Logger log = new Logger(name);
        NioReactor reactor = new NioReactor();
        AtomicBoolean failed = new AtomicBoolean();
        reactor.callWhenRunning(() -> Deferred.maybeDeferred(() -> main.apply(reactor)).addBoth(outcome -> {
            if (outcome instanceof Failure failure) {
                if (failure.check(IllegalArgumentException.class, CannotListenError.class, ConnectError.class) != null) {
                    log.error("{name} failed: {problem}", "name", name, "problem", failure.value().getMessage());
                } else {
                    log.failure("{name} failed", failure, "name", name);
                }
                failed.set(true);
            }
            if (reactor.isRunning()) {
                reactor.stop();
            }
            return null;
        }));
        reactor.run(true);
        if (failed.get()) {
            System.exit(1);
        }
    }
}
