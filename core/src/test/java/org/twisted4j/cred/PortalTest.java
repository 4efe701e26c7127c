package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.cred.Results.failure;
import static org.twisted4j.cred.Results.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;

class PortalTest {

    /** The avatar interface of these tests. */
    interface Greeter {
        String greet();
    }

    /** Records what it was asked and makes Greeters. */
    static final class TestRealm implements Realm {
        final List<String> asked = new ArrayList<>();
        final List<String> loggedOut = new ArrayList<>();

        @Override
        public Deferred<LoginResult> requestAvatar(String avatarId, Object mind, Class<?>... interfaces) {
            asked.add(Portal.isAnonymous(avatarId) ? "ANONYMOUS" : avatarId);
            for (Class<?> wanted : interfaces) {
                if (wanted == Greeter.class) {
                    Greeter avatar = () -> "hello " + avatarId + " from " + mind;
                    return Deferred.succeed(new LoginResult(Greeter.class, avatar, () -> loggedOut.add(avatarId)));
                }
            }
            return Deferred.fail(new LoginDenied("no supported interface"));
        }
    }

    private final TestRealm realm = new TestRealm();

    @Test
    void goodPasswordGivesTheRealmsAvatarAndLogout() {
        Portal portal = new Portal(realm, new InMemoryPasswords(Map.of("alice", "secret")));
        LoginResult login = result(portal.login(UsernamePassword.of("alice", "secret"), "mind", Greeter.class));
        assertThat(login.avatarInterface()).isEqualTo(Greeter.class);
        assertThat(login.avatar(Greeter.class).greet()).isEqualTo("hello alice from mind");
        assertThat(realm.asked).containsExactly("alice");
        login.logout().run();
        assertThat(realm.loggedOut).containsExactly("alice");
    }

    @Test
    void wrongPasswordFailsWithUnauthorizedLoginAndNeverReachesTheRealm() {
        Portal portal = new Portal(realm, new InMemoryPasswords(Map.of("alice", "secret")));
        assertThat(failure(portal.login(UsernamePassword.of("alice", "wrong"), null, Greeter.class)))
                .isInstanceOf(UnauthorizedLogin.class).isInstanceOf(LoginFailed.class);
        assertThat(failure(portal.login(UsernamePassword.of("bob", "secret"), null, Greeter.class)))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(realm.asked).isEmpty();
    }

    @Test
    void credentialsWithoutACheckerFailWithUnhandledCredentialsNamingTheirInterface() {
        Portal portal = new Portal(realm, new AllowAnonymousAccess());
        Throwable error = failure(portal.login(UsernamePassword.of("alice", "secret"), null, Greeter.class));
        assertThat(error).isInstanceOf(UnhandledCredentials.class).isInstanceOf(LoginFailed.class)
                .hasMessageContaining("org.twisted4j.cred.UsernamePassword");
    }

    @Test
    void anonymousLoginGivesTheAnonymousAvatarIdDistinctFromAnyName() {
        Portal portal = new Portal(realm, new AllowAnonymousAccess());
        result(portal.login(Anonymous.INSTANCE, null, Greeter.class));
        assertThat(realm.asked).containsExactly("ANONYMOUS");
        assertThat(Portal.isAnonymous(new String("<anonymous>"))).isFalse();
        assertThat(Portal.isAnonymous(Portal.ANONYMOUS)).isTrue();
    }

    @Test
    void listsTheInterfacesOfRegisteredCheckers() {
        Portal portal = new Portal(realm);
        assertThat(portal.listCredentialsInterfaces()).isEmpty();
        portal.registerChecker(new AllowAnonymousAccess());
        portal.registerChecker(new InMemoryPasswords(), List.of(UsernamePassword.class));
        assertThat(portal.listCredentialsInterfaces()).containsExactly(Anonymous.class, UsernamePassword.class);
    }

    @Test
    void laterRegistrationForAnInterfaceReplacesTheEarlier() {
        Portal portal = new Portal(realm, new InMemoryPasswords(Map.of("alice", "one")));
        portal.registerChecker(new InMemoryPasswords(Map.of("alice", "two")));
        assertThat(failure(portal.login(UsernamePassword.of("alice", "one"), null, Greeter.class)))
                .isInstanceOf(UnauthorizedLogin.class);
        result(portal.login(UsernamePassword.of("alice", "two"), null, Greeter.class));
    }

    @Test
    void realmRefusalReachesTheCaller() {
        Portal portal = new Portal(realm, new InMemoryPasswords(Map.of("alice", "secret")));
        assertThat(failure(portal.login(UsernamePassword.of("alice", "secret"), null, Runnable.class)))
                .isInstanceOf(LoginDenied.class);
    }

    @Test
    void checkerThatThrowsBecomesAFailedLogin() {
        CredentialsChecker broken = new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialInterfaces() {
                return Set.of(Anonymous.class);
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                throw new IllegalStateException("broken");
            }
        };
        Portal portal = new Portal(realm, broken);
        assertThat(failure(portal.login(Anonymous.INSTANCE, null, Greeter.class)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedLoginIsLoggedWithTheUsernameButNotThePassword() {
        List<LogEvent> events = new ArrayList<>();
        LogObserver observer = e -> {
            if (e.namespace().equals(Portal.class.getName())) {
                events.add(e);
            }
        };
        LogPublisher.global().addObserver(observer);
        try {
            Portal portal = new Portal(realm, new InMemoryPasswords(Map.of("alice", "secret")));
            failure(portal.login(UsernamePassword.of("alice", "hunter2-wrong"), null, Greeter.class));
        } finally {
            LogPublisher.global().removeObserver(observer);
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).text()).contains("alice").doesNotContain("hunter2");
    }

    @Test
    void credentialsDoNotShowPasswordsInToString() {
        assertThat(UsernamePassword.of("alice", "hunter2")).hasToString("UsernamePassword[username=alice]");
        assertThat(UsernameHashedPassword.of("alice", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void loginResultRefusesAnAvatarThatLacksTheInterface() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new LoginResult(Greeter.class, "not a greeter", LoginResult.NO_LOGOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
