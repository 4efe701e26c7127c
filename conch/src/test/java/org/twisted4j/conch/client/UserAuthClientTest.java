package org.twisted4j.conch.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.HostKeyVerifier;
import org.twisted4j.conch.userauth.UserAuthClient;
import org.twisted4j.conch.userauth.UserAuthClient.PasswordSource;
import org.twisted4j.conch.userauth.UserAuthConfig;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.defer.Deferred;

/** The user authentication client against our server, on a pump and a clock. */
class UserAuthClientTest {

    private static final Key STRANGER = Key.generate(KeyType.ED25519);

    private final List<Object> outcome = new ArrayList<>();

    private ClientServerPair login(UserAuthConfig config, List<Key> keys, PasswordSource passwords) {
        ClientServerPair pair = new ClientServerPair(config, HostKeyVerifier.TRUST_ANY,
                connection -> new UserAuthClient("alice", keys, passwords, connection));
        pair.auth.authenticated().addCallbacks(ok -> outcome.add("ok"), failure -> outcome.add(failure.value()));
        pair.flush();
        return pair;
    }

    @Test
    void publicKeyIsQueriedThenSigned() {
        ClientServerPair pair = login(new UserAuthConfig(), List.of(STRANGER, ClientServerPair.ALICE_KEY), null);
        assertThat(outcome).containsExactly("ok");
        assertThat(pair.auth.succeededWith()).isEqualTo("publickey");
        assertThat(pair.checked).containsExactly("publickey query", "publickey query", "publickey signed");
        assertThat(pair.client.service()).isSameAs(pair.connection);
    }

    @Test
    void passwordFollowsKeysTheServerRefuses() {
        ClientServerPair pair = login(new UserAuthConfig().anyOf("publickey", "password"), List.of(STRANGER),
                PasswordSource.fixed("secret"));
        assertThat(outcome).containsExactly("ok");
        assertThat(pair.auth.succeededWith()).isEqualTo("password");
        assertThat(pair.checked).containsExactly("publickey query", "password");
    }

    @Test
    void keyboardInteractiveComesBeforePasswordAndAnswersWithThePassword() {
        ClientServerPair pair = login(new UserAuthConfig(), List.of(), PasswordSource.fixed("secret"));
        assertThat(outcome).containsExactly("ok");
        assertThat(pair.auth.succeededWith()).isEqualTo("keyboard-interactive");
    }

    @Test
    void aWrongPasswordIsTriedAsManyTimesAsAllowedThenTheClientGivesUp() {
        List<String> prompts = new ArrayList<>();
        ClientServerPair pair = login(new UserAuthConfig().anyOf("password"), List.of(STRANGER), prompt -> {
            prompts.add(prompt);
            return Deferred.succeed("wrong");
        });
        assertThat(prompts).hasSize(UserAuthClient.DEFAULT_PASSWORD_ATTEMPTS);
        assertThat(prompts.get(0)).startsWith("alice@").endsWith("'s password: ");
        assertThat(outcome).hasSize(1);
        assertThat(outcome.get(0)).isInstanceOf(UnauthorizedLogin.class);
        assertThat(((Throwable) outcome.get(0)).getMessage()).contains("Permission denied (password)");
        assertThat(pair.client.disconnectReason()).isEqualTo(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE);
    }

    @Test
    void aPasswordSourceThatGivesUpEndsTheLogin() {
        ClientServerPair pair = login(new UserAuthConfig().anyOf("password"), List.of(), prompt -> Deferred
                .succeed(null));
        assertThat(outcome.get(0)).isInstanceOf(UnauthorizedLogin.class);
        assertThat(pair.checked).isEmpty();
    }

    @Test
    void partialSuccessLeadsToTheNextMethodRequired() {
        ClientServerPair pair = login(new UserAuthConfig().requireAll("publickey", "password"),
                List.of(ClientServerPair.ALICE_KEY), PasswordSource.fixed("secret"));
        assertThat(outcome).containsExactly("ok");
        assertThat(pair.checked).containsExactly("publickey query", "publickey signed", "password");
        assertThat(pair.auth.succeededWith()).isEqualTo("password");
    }

    @Test
    void aPasswordAskedLaterHoldsTheLoginUntilAnswered() {
        Deferred<String> typed = new Deferred<>();
        ClientServerPair pair = login(new UserAuthConfig().anyOf("password"), List.of(), prompt -> typed);
        assertThat(outcome).isEmpty();
        typed.callback("secret");
        pair.flush();
        assertThat(outcome).containsExactly("ok");
    }
}
