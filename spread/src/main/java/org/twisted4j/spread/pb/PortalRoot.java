package org.twisted4j.spread.pb;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernameMD5Challenge;
import org.twisted4j.defer.Deferred;

/**
 * The root object of a server whose factory was given a {@link Portal}: Twisted's {@code _PortalRoot},
 * {@code _PortalWrapper} and {@code _PortalAuthChallenger}. A client calls {@code login(username)} and gets a
 * random challenge and a challenger, then calls {@code respond(md5(md5(password) + challenge), mind)} on the
 * challenger, which asks the portal for a {@link Perspective} avatar with {@link UsernameMD5Challenge}
 * credentials; or calls {@code loginAnonymous(mind)}.
 */
final class PortalRoot implements PBRoot {
    private final Portal portal;

    PortalRoot(Portal portal) {
        this.portal = portal;
    }

    @Override
    public Referenceable rootObject(Broker broker) {
        return new Wrapper(portal, broker);
    }

    /** Sends the avatar as a perspective and logs it out once, when released or disconnected. */
    static Object loggedIn(Broker broker, LoginResult result) {
        Object avatar = result.avatar();
        List<Runnable> logout = new ArrayList<>(List.of(result.logout()));
        Runnable maybeLogout = () -> {
            if (!logout.isEmpty()) {
                logout.remove(0).run();
            }
        };
        broker.cleanupWhenReleased(avatar, maybeLogout);
        broker.notifyOnDisconnect(maybeLogout);
        return avatar;
    }

    static Deferred<Object> login(Portal portal, Broker broker, Credentials credentials, @Nullable Object mind) {
        return portal.login(credentials, mind, Perspective.class).addCallback(result -> loggedIn(broker, result));
    }

    /** The per-connection root: {@code login} and {@code loginAnonymous}. */
    static final class Wrapper implements Referenceable {
        private final Portal portal;
        private final Broker broker;

        Wrapper(Portal portal, Broker broker) {
            this.portal = portal;
            this.broker = broker;
        }

        @Remote
        public Object login(String username) {
            byte[] challenge = UsernameMD5Challenge.challenge();
            return PbJelly.tuple(challenge, new Challenger(portal, broker, username, challenge));
        }

        @Remote
        public Deferred<Object> loginAnonymous(@Nullable Object mind) {
            return PortalRoot.login(portal, broker, Anonymous.INSTANCE, mind);
        }
    }

    /** Waits for the answer to one challenge. */
    static final class Challenger implements Referenceable {
        private final Portal portal;
        private final Broker broker;
        private final String username;
        private final byte[] challenge;

        Challenger(Portal portal, Broker broker, String username, byte[] challenge) {
            this.portal = portal;
            this.broker = broker;
            this.username = username;
            this.challenge = challenge;
        }

        @Remote
        public Deferred<Object> respond(byte[] response, @Nullable Object mind) {
            return PortalRoot.login(portal, broker, new UsernameMD5Challenge(username, challenge, response), mind);
        }
    }
}
