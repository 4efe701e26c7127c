package org.twisted4j.spread.pb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.spread.pb.PbFixtures.Pair;
import org.twisted4j.testing.IOPump;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/** Logging in through a portal: the MD5 challenge, avatars, view points, anonymous login and logout. */
@ExtendWith(TrialExtension.class)
class PBLoginTest {

    /** An avatar that knows its name and offers a room. */
    static final class User implements Avatar {
        final String name;
        final Room room;

        User(String name, Room room) {
            this.name = name;
            this.room = room;
        }

        @Remote
        public String whoami() {
            return name;
        }

        @Remote
        public Room room() {
            return room;
        }
    }

    /** A viewable: each call learns which avatar made it. */
    static final class Room implements Viewable {
        @Remote
        public String say(Perspective who, String text) {
            return ((User) who).name + " says " + text;
        }
    }

    private final List<String> logouts = new ArrayList<>();
    private final Room room = new Room();
    private @Nullable Object lastMind;

    private Portal portal() {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse(
                Map.of("alice", "secret"));
        return new Portal((avatarId, mind, interfaces) -> {
            lastMind = mind;
            String name = Portal.isAnonymous(avatarId) ? "anonymous" : avatarId;
            return Deferred.succeed(new LoginResult(Perspective.class, new User(name, room),
                    () -> logouts.add(name)));
        }, users, new AllowAnonymousAccess());
    }

    private Pair connect(PBClientFactory client) {
        return Pair.connect(new PBServerFactory(portal()), client);
    }

    private static <T> T pumped(IOPump pump, Deferred<T> deferred, Trial trial) {
        pump.flush();
        return trial.successResultOf(deferred);
    }

    @Test
    void rightPasswordGivesTheAvatar(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        RemoteReference avatar = pumped(pair.pump(), client.login(UsernamePassword.of("alice", "secret"), null), trial);
        assertThat(trial.successResultOf(pair.call(avatar, "whoami"))).isEqualTo("alice");
    }

    @Test
    void wrongPasswordIsUnauthorizedLogin(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        Deferred<RemoteReference> login = client.login(UsernamePassword.of("alice", "wrong"), null);
        pair.pump().flush();
        RemoteError error = (RemoteError) trial.failureResultOf(login, RemoteError.class).value();
        assertThat(error.remoteType()).isEqualTo("twisted.cred.error.UnauthorizedLogin");
        assertThat(logouts).isEmpty();
        assertThat(pair.server().isDisconnected()).isFalse();
    }

    @Test
    void unknownUserIsUnauthorizedLogin(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        Deferred<RemoteReference> login = client.login(UsernamePassword.of("mallory", "secret"), null);
        pair.pump().flush();
        RemoteError error = (RemoteError) trial.failureResultOf(login, RemoteError.class).value();
        assertThat(error.remoteType()).isEqualTo("twisted.cred.error.UnauthorizedLogin");
    }

    @Test
    void challengeAnswerIsTwistedsRespond() {
        byte[] challenge = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // pb.respond(b"0123456789abcdef", b"secret") in Python Twisted 22.4
        assertThat(java.util.HexFormat.of().formatHex(PB.respond(challenge, "secret")))
                .isEqualTo("fb654aad50303a26b539858afb969f27");
    }

    @Test
    void anonymousLoginGivesAnAvatarAndTheMindArrives(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        PbFixtures.Counter mind = new PbFixtures.Counter();
        RemoteReference avatar = pumped(pair.pump(), client.login(Anonymous.INSTANCE, mind), trial);
        assertThat(trial.successResultOf(pair.call(avatar, "whoami"))).isEqualTo("anonymous");
        assertThat(lastMind).isInstanceOf(RemoteReference.class);
    }

    @Test
    void viewableMethodsReceiveTheCallersPerspective(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        RemoteReference avatar = pumped(pair.pump(), client.login(UsernamePassword.of("alice", "secret"), null), trial);
        RemoteReference viewPoint = (RemoteReference) trial.successResultOf(pair.call(avatar, "room"));
        assertThat(trial.successResultOf(pair.call(viewPoint, "say", "hello"))).isEqualTo("alice says hello");
    }

    @Test
    void avatarIsLoggedOutOnceWhenReleasedOrDisconnected(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        RemoteReference avatar = pumped(pair.pump(), client.login(UsernamePassword.of("alice", "secret"), null), trial);
        avatar.release();
        pair.pump().flush();
        assertThat(logouts).containsExactly("alice");
        pair.client().transport().loseConnection();
        pair.pump().flush();
        assertThat(logouts).containsExactly("alice");
    }

    @Test
    void disconnectLogsOut(Trial trial) {
        PBClientFactory client = new PBClientFactory();
        Pair pair = connect(client);
        pumped(pair.pump(), client.login(UsernamePassword.of("alice", "secret"), null), trial);
        pair.client().transport().loseConnection();
        pair.pump().flush();
        assertThat(logouts).containsExactly("alice");
    }
}
