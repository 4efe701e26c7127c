package org.twisted4j.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.spread.pb.Avatar;
import org.twisted4j.spread.pb.PBServerFactory;
import org.twisted4j.spread.pb.Perspective;
import org.twisted4j.spread.pb.Remote;

/**
 * A Perspective Broker server behind a password login, as Twisted's {@code pb6server.py}: clients log in
 * with PB's MD5 challenge (the password never crosses the wire) and talk to their own avatar.
 *
 * <pre>
 * bin/run-example pb-login-server [ENDPOINT [USER=PASSWORD...]]   # tcp:8787, alice=secret
 * </pre>
 */
public final class PBLoginServer {

    /** What a logged-in client talks to. */
    public static final class User implements Avatar {
        private final String name;

        User(String name) {
            this.name = name;
        }

        /**
         * Who logged in.
         *
         * @return the user name
         */
        @Remote
        public String whoami() {
            return name;
        }

        /**
         * Greets.
         *
         * @param text what the client says
         * @return the greeting
         */
        @Remote
        public String say(String text) {
            return name + " said: " + text;
        }
    }

    private PBLoginServer() {
    }

    /**
     * Returns a server factory whose portal knows {@code users} (name to password).
     *
     * @param users the accounts
     */
    public static PBServerFactory factory(Map<String, String> users) {
        Portal portal = new Portal((avatarId, mind, interfaces) ->
                Deferred.succeed(new LoginResult(Perspective.class, new User(avatarId), LoginResult.NO_LOGOUT)),
                new InMemoryUsernamePasswordDatabaseDontUse(users));
        return new PBServerFactory(portal);
    }

    /** Reads {@code USER=PASSWORD} arguments; none means alice=secret. */
    static Map<String, String> users(String[] args, int from) {
        Map<String, String> users = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected USER=PASSWORD, got " + args[i]);
            }
            users.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        if (users.isEmpty()) {
            users.put("alice", "secret");
        }
        return users;
    }

    /**
     * Listens on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description, Map<String, String> users) {
        return ExampleMain.listen(reactor, "pb-login-server", description, factory(users));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, then the accounts as USER=PASSWORD
     */
    public static void main(String[] args) {
        Map<String, String> users = users(args, 1);
        ExampleMain.serve("pb-login-server", args, PBServer.DEFAULT_ENDPOINT,
                (reactor, where) -> start(reactor, where, users));
    }
}
