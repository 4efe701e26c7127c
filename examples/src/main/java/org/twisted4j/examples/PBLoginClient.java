package org.twisted4j.examples;

import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.spread.pb.PBClientFactory;
import org.twisted4j.spread.pb.RemoteError;

/**
 * Logs in to a {@link PBLoginServer} (or a Python Twisted PB server with a portal) and asks who it is, as
 * Twisted's {@code pb6client1.py}.
 *
 * <pre>
 * bin/run-example pb-login-client [ENDPOINT [USER [PASSWORD]]]   # tcp:host=127.0.0.1:port=8787 alice secret
 * </pre>
 */
public final class PBLoginClient {

    private PBLoginClient() {
    }

    /**
     * Logs in through {@code factory} and fires with the line to print: who the server says we are, or why
     * the login failed. Closes the connection. Reactor thread only.
     */
    public static Deferred<String> login(PBClientFactory factory, String user, String password) {
        return factory.login(UsernamePassword.of(user, password), null)
                .addCallbackDeferred(avatar -> avatar.callRemote("whoami"))
                .addCallback(name -> "logged in as " + name)
                .addErrback(failure -> failure.check(RemoteError.class) != null
                        ? "login failed: " + ((RemoteError) failure.value()).remoteType()
                        : "login failed: " + failure.getErrorMessage())
                .addCallback(line -> {
                    factory.disconnect();
                    return line;
                });
    }

    /** Connects to {@code description} and logs in. Reactor thread only. */
    public static Deferred<String> run(NioReactor reactor, String description, String user, String password) {
        PBClientFactory factory = new PBClientFactory();
        return Endpoints.clientFromString(reactor, description).connect(factory)
                .addCallbackDeferred(connected -> login(factory, user, password));
    }

    /**
     * Logs in and prints the outcome.
     *
     * @param args where to connect, the user name, the password
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : PBClient.DEFAULT_ENDPOINT;
        String user = args.length > 1 ? args[1] : "alice";
        String password = args.length > 2 ? args[2] : "secret";
        ExampleMain.react("pb-login-client", reactor -> run(reactor, where, user, password).addCallback(line -> {
            System.out.println(line);
            return null;
        }));
    }
}
