package org.twisted4j.conch.manhole;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.insults.ServerProtocol;
import org.twisted4j.conch.insults.TerminalSession;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Realm;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorThreads;

/**
 * The realm of a manhole: a user who logged in gets a {@link Manhole} on a terminal, over Telnet as a
 * {@link Protocol} avatar (for {@link org.twisted4j.conch.telnet.AuthenticatingTelnetProtocol}) or over SSH as a
 * {@link ConchUser} whose shell is the manhole (exec, forwarding and subsystems refused).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ManholeRealm implements Realm {

    private final ReactorThreads reactor;
    private final Map<String, Object> namespace;

    /**
     * A realm whose sessions start with {@code namespace}.
     *
     * @param reactor where the snippets run
     * @param namespace the objects each session starts with, by name
     */
    public ManholeRealm(ReactorThreads reactor, Map<String, Object> namespace) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.namespace = Map.copyOf(namespace);
    }

    /** A terminal running a new manhole session. */
    public ServerProtocol newTerminal() {
        return new ServerProtocol(() -> new Manhole(reactor, namespace));
    }

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        for (Class<?> type : interfaces) {
            if (type == Protocol.class) {
                return Deferred.succeed(new LoginResult(Protocol.class, newTerminal(), LoginResult.NO_LOGOUT));
            }
            if (type == ConchUser.class) {
                return Deferred.succeed(new LoginResult(ConchUser.class, new User(avatarId), LoginResult.NO_LOGOUT));
            }
        }
        return Deferred.fail(new UnauthorizedLogin("the manhole serves terminals only"));
    }

    /** An SSH user whose only session is the manhole's shell. */
    private final class User implements ConchUser {
        private final String name;

        User(String name) {
            this.name = name;
        }

        @Override
        public String username() {
            return name;
        }

        @Override
        public Session openSession() {
            return new TerminalSession(ManholeRealm.this::newTerminal);
        }

        @Override
        public boolean allowsSubsystem(String subsystem) {
            return false;
        }
    }
}
