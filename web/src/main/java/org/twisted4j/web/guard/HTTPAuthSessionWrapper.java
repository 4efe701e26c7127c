package org.twisted4j.web.guard;

import java.util.List;
import java.util.Objects;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;
import org.twisted4j.web.DeferredResource;
import org.twisted4j.web.ErrorPage;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;

/**
 * Guards a subtree of a site with HTTP authentication (Twisted's {@code twisted.web.guard.HTTPAuthSessionWrapper}):
 * each request logs in through a {@link Portal}, and the {@link Resource} avatar the realm gives serves it.
 *
 * <pre>{@code
 * Realm realm = (avatarId, mind, interfaces) ->
 *         Deferred.succeed(new LoginResult(Resource.class, new Home(avatarId), LoginResult.NO_LOGOUT));
 * Portal portal = new Portal(realm, new FilePasswordDB(Path.of("users.txt")));
 * Resource guarded = new HTTPAuthSessionWrapper(portal, List.of(
 *         new BasicCredentialFactory("example.org"), new DigestCredentialFactory("MD5", "example.org", reactor)));
 * root.putChild("private", guarded);
 * }</pre>
 *
 * <h2>What a request gets</h2>
 * <ul>
 *   <li>No {@code Authorization} header (or an empty one): an {@link Anonymous} login, which succeeds only if
 *       the portal has a checker for anonymous credentials.</li>
 *   <li>A header whose first word (up to the first space, ASCII case ignored) is the {@link CredentialFactory#scheme()
 *       scheme} of a factory: that factory decodes the rest (after that one space) into credentials, and they log
 *       in.</li>
 *   <li>A successful login: the avatar serves the request; the path segments below the wrapper are walked from the
 *       avatar, as if it stood where the wrapper stands. The login's logout runs once the response is finished, or
 *       the connection is lost.</li>
 *   <li>401 with one {@code WWW-Authenticate} challenge per factory, in the factories' order, and the body
 *       {@code Unauthorized}: a scheme no factory reads, an answer a factory refuses (malformed base64, no colon,
 *       missing Digest directives, a stale or forged opaque value: all {@link LoginFailed}, so never 400, as in
 *       Twisted), or a login failing with {@link LoginFailed} (a wrong password, an unknown user, no checker
 *       for the credentials, a realm's {@link org.twisted4j.cred.LoginDenied}).</li>
 *   <li>500 {@code Internal Error} for anything else a factory throws or a login fails with: one log event, no
 *       detail to the client.</li>
 * </ul>
 * A request is authenticated on its own; no session is kept (as in Twisted, where browsers resend the header).
 *
 * <h2>Pitfalls</h2>
 * The request's body is read before login, so a {@link org.twisted4j.web.StreamingResource} below the wrapper
 * gets its body collected, not streamed. Children cannot be added to the wrapper: add them to the avatars.
 * Passwords are never logged; the portal logs a failed login with the user name only.
 *
 * <h2>Threading</h2>
 * Reactor thread only. Works alike for HTTP/1.1 and HTTP/2 requests.
 */
public final class HTTPAuthSessionWrapper extends Resource {

    private static final Logger LOG = Logger.forClass(HTTPAuthSessionWrapper.class);

    private final Portal portal;
    private final List<CredentialFactory> factories;

    /**
     * Makes a wrapper.
     *
     * @param portal logs users in; its realm must give {@link Resource} avatars
     * @param credentialFactories the schemes offered, in the order their challenges are sent
     */
    public HTTPAuthSessionWrapper(Portal portal, List<? extends CredentialFactory> credentialFactories) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.factories = List.copyOf(credentialFactories);
    }

    /** Returns the credential factories, in order. */
    public List<CredentialFactory> credentialFactories() {
        return factories;
    }

    /** Renders the request with the resource it is authorized for (the avatar), or a 401 or 500 page. */
    @Override
    public byte[] render(Request request) throws Exception {
        return authorizedResource(request).render(request);
    }

    /**
     * Puts the segment back (the wrapper consumes none) and returns the resource the request is authorized for,
     * from which traversal goes on: the avatar once the login succeeds, or a 401 or 500 page.
     */
    @Override
    public Resource getChildWithDefault(String path, Request request) {
        List<String> prepath = request.prepath();
        if (!prepath.isEmpty()) {
            prepath.removeLast();
        }
        request.postpath().addFirst(path);
        return authorizedResource(request);
    }

    /**
     * Refused: the wrapper has no children of its own.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void putChild(String path, Resource child) {
        throw new UnsupportedOperationException("add children to the avatars, not to the HTTPAuthSessionWrapper");
    }

    private Resource authorizedResource(Request request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isEmpty()) {
            return new DeferredResource(login(Anonymous.INSTANCE));
        }
        int space = header.indexOf(' ');
        String scheme = Challenges.asciiLower(space < 0 ? header : header.substring(0, space));
        String rest = space < 0 ? "" : header.substring(space + 1);
        for (CredentialFactory factory : factories) {
            if (factory.scheme().equals(scheme)) {
                Credentials credentials;
                try {
                    credentials = factory.decode(rest, request);
                } catch (LoginFailed e) {
                    return unauthorized();
                } catch (RuntimeException e) {
                    LOG.failure("Unexpected failure from credentials factory {factory}", new Failure(e),
                            "factory", factory.toString());
                    return internalError();
                }
                return new DeferredResource(login(credentials));
            }
        }
        return unauthorized();
    }

    private Deferred<Resource> login(Credentials credentials) {
        Deferred<LoginResult> login;
        try {
            login = portal.login(credentials, null, Resource.class);
        } catch (RuntimeException e) {
            login = Deferred.fail(e);
        }
        return login.addCallbacks(result -> (Resource) new LoggingOut(result.avatar(Resource.class), result.logout()),
                this::loginFailed);
    }

    private Resource loginFailed(Failure failure) {
        if (failure.check(LoginFailed.class) != null) {
            return unauthorized();
        }
        LOG.failure("HTTPAuthSessionWrapper encountered an unexpected error logging in", failure);
        return internalError();
    }

    private UnauthorizedResource unauthorized() {
        return new UnauthorizedResource(factories);
    }

    private static Resource internalError() {
        return new ErrorPage(500, "Internal Error", "");
    }
}
