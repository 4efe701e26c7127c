package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;
import org.twisted4j.web.guard.BasicCredentialFactory;
import org.twisted4j.web.guard.DigestCredentialFactory;
import org.twisted4j.web.guard.HTTPAuthSessionWrapper;

/**
 * HTTP authentication, as Twisted's "web in 60 seconds" {@code http-auth} lesson: a realm gives each user a page
 * of their own, and an {@link HTTPAuthSessionWrapper} asks for Basic or Digest credentials (users {@code alice}
 * and {@code bob}, passwords {@code wonderland} and {@code builder}; kept in memory, for a demonstration only).
 *
 * <pre>
 * bin/run-example web-auth [ENDPOINT]      # ENDPOINT defaults to tcp:8000; then:
 * curl --digest -u alice:wonderland http://localhost:8000/
 * </pre>
 */
public final class WebAuth {

    /** The realm named in the challenges. */
    public static final String REALM = "twisted4j example";

    /** A page greeting the user it was made for, whatever its path. */
    public static final class UserPage extends Resource {
        private final String user;

        /**
         * Makes one for a user.
         *
         * @param user the avatar id the portal gave
         */
        public UserPage(String user) {
            this.user = user;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain; charset=utf-8");
            return ("Hello, " + user + "! You asked for /" + String.join("/", request.postpath()) + "\n").getBytes(UTF_8);
        }
    }

    /** Gives each user their {@link UserPage} as a {@link Resource} avatar. */
    static final class PageRealm implements Realm {
        @Override
        public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
            for (Class<?> wanted : interfaces) {
                if (wanted == Resource.class) {
                    return Deferred.succeed(new LoginResult(Resource.class, new UserPage(avatarId), LoginResult.NO_LOGOUT));
                }
            }
            return Deferred.fail(new UnsupportedOperationException("only Resource avatars"));
        }
    }

    private WebAuth() {
    }

    /**
     * Serves the guarded pages on the endpoint {@code description} and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        Portal portal = new Portal(new PageRealm(),
                new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "wonderland", "bob", "builder")));
        Resource guarded = new HTTPAuthSessionWrapper(portal, List.of(new BasicCredentialFactory(REALM),
                new DigestCredentialFactory("MD5", REALM, reactor)));
        return ExampleMain.listen(reactor, "web-auth", description, new Site(guarded, reactor));
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description such as {@code tcp:8000:interface=127.0.0.1}
     */
    public static void main(String[] args) {
        ExampleMain.serve("web-auth", args, ExampleMain.DEFAULT_SERVER, WebAuth::start);
    }
}
