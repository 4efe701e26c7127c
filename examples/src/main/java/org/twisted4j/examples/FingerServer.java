package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * The finger server of Twisted's finger tutorial: a client sends a user name as one line and gets that
 * user's status back, or "No such user", and the server closes the connection.
 *
 * <pre>
 * bin/run-example finger-server [ENDPOINT [USER=STATUS...]]   # tcp:8000, and two users of its own
 * </pre>
 */
public final class FingerServer {

    /** The users when the command line names none. */
    public static final Map<String, String> DEFAULT_USERS = Map.of(
            "alice", "Writing a reactor in Java",
            "bob", "Out to lunch");

    /** Looks users up and builds a {@link Finger} for each connection. */
    public static final class FingerFactory extends Factory {
        private final Map<String, String> users;

        /**
         * Makes a factory that answers from {@code users}.
         *
         * @param users each user's status, by user name
         */
        public FingerFactory(Map<String, String> users) {
            this.users = Map.copyOf(users);
        }

        @Override
        public Finger buildProtocol(Address peer) {
            return new Finger(this);
        }

        /**
         * Returns a user's status, or "No such user". A Deferred, as a lookup in a real directory would be.
         */
        public Deferred<String> getUser(String user) {
            return Deferred.succeed(users.getOrDefault(user, "No such user"));
        }
    }

    /** Reads one user name, writes the answer, closes. */
    public static final class Finger extends LineReceiver {
        private final FingerFactory users;

        Finger(FingerFactory users) {
            this.users = users;
        }

        @Override
        protected void lineReceived(byte[] line) {
            users.getUser(new String(line, UTF_8).strip()).addCallback(status -> {
                sendLine(status);
                transport().loseConnection();
                return null;
            });
        }
    }

    private FingerServer() {
    }

    /**
     * Returns a factory answering from {@code userArgs}, each {@code USER=STATUS}, or from
     * {@link #DEFAULT_USERS} if there are none.
     *
     * @throws IllegalArgumentException if an argument has no {@code =}
     */
    public static FingerFactory factory(String... userArgs) {
        if (userArgs.length == 0) {
            return new FingerFactory(DEFAULT_USERS);
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (String arg : userArgs) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected USER=STATUS, not '" + arg + "'");
            }
            users.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return new FingerFactory(users);
    }

    /**
     * Listens on the endpoint {@code description} with {@code factory} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description, FingerFactory factory) {
        return ExampleMain.listen(reactor, "finger-server", description, factory);
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description, then {@code USER=STATUS} pairs
     */
    public static void main(String[] args) {
        String[] users = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        ExampleMain.serve("finger-server", args, ExampleMain.DEFAULT_SERVER,
                (reactor, where) -> start(reactor, where, factory(users)));
    }
}
