package org.twisted4j.conch.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.userauth.UserAuthClient;
import org.twisted4j.conch.userauth.UserAuthConfig;
import org.twisted4j.defer.Deferred;

/** known_hosts reading, matching, and the answers it gives a client about a server's key. */
class KnownHostsFileTest {

    private static final Key HOST = Key.generate(KeyType.ED25519);
    private static final Key OTHER = Key.generate(KeyType.ED25519);
    private static final Key ECDSA = Key.generate(KeyType.ECDSA_P256);

    @TempDir
    Path dir;

    /** A UI that answers as told and records what it was asked and told. */
    static final class ScriptedUI implements KnownHostsUI {
        final List<String> asked = new ArrayList<>();
        final List<String> warned = new ArrayList<>();
        Deferred<Boolean> answer;

        ScriptedUI(Deferred<Boolean> answer) {
            this.answer = answer;
        }

        @Override
        public Deferred<Boolean> prompt(String question) {
            asked.add(question);
            return answer;
        }

        @Override
        public void warn(String message) {
            warned.add(message);
        }
    }

    private static List<Object> outcome(Deferred<Boolean> verified) {
        List<Object> outcome = new ArrayList<>();
        verified.addCallbacks(outcome::add, failure -> outcome.add(failure.value()));
        return outcome;
    }

    @Test
    void plainEntriesMatchPatternsAndPorts() {
        KnownHostsFile known = KnownHostsFile.fromText("""
                # comment
                example.com,192.0.2.1 %s
                [example.com]:2222 %s
                *.example.org,!bad.example.org %s
                garbage line
                """.formatted(HOST.publicLine(), OTHER.publicLine(), HOST.publicLine()));
        assertThat(known.hasHostKey("example.com", 22, HOST)).isTrue();
        assertThat(known.hasHostKey("EXAMPLE.com", 22, HOST)).isTrue();
        assertThat(known.hasHostKey("192.0.2.1", 22, HOST)).isTrue();
        assertThat(known.hasHostKey("example.com", 2222, HOST)).isFalse();
        assertThat(known.hasHostKey("example.com", 2222, OTHER)).isTrue();
        assertThat(known.hasHostKey("www.example.org", 22, HOST)).isTrue();
        assertThat(known.hasHostKey("bad.example.org", 22, HOST)).isFalse();
        assertThat(known.knownKeyTypes("example.com", 22)).containsExactly("ssh-ed25519");
    }

    @Test
    void hashedEntriesMatchOnlyTheirHost() {
        KnownHostsFile known = KnownHostsFile.fromText(KnownHostsFile.hashed("[127.0.0.1]:2200") + " "
                + HOST.publicLine() + "\n");
        assertThat(known.hasHostKey("127.0.0.1", 2200, HOST)).isTrue();
        assertThat(known.hasHostKey("127.0.0.1", 22, HOST)).isFalse();
        assertThat(known.hasHostKey("127.0.0.2", 2200, HOST)).isFalse();
    }

    @Test
    void aKnownKeyIsTrustedWithoutAsking() {
        ScriptedUI ui = new ScriptedUI(Deferred.succeed(false));
        KnownHostsFile known = KnownHostsFile.fromText("example.com " + HOST.publicLine() + "\n");
        assertThat(outcome(known.verify(ui, "example.com", 22, HOST))).containsExactly(true);
        assertThat(ui.asked).isEmpty();
    }

    @Test
    void aChangedKeyIsRefusedLoudlyWithoutAsking() {
        ScriptedUI ui = new ScriptedUI(Deferred.succeed(true));
        KnownHostsFile known = KnownHostsFile.fromText("# first\nexample.com " + HOST.publicLine() + "\n");
        List<Object> outcome = outcome(known.verify(ui, "example.com", 22, OTHER));
        assertThat(outcome).singleElement().isInstanceOf(HostKeyChanged.class);
        assertThat(((HostKeyChanged) outcome.get(0)).lineNumber()).isEqualTo(2);
        assertThat(ui.asked).isEmpty();
        assertThat(ui.warned).singleElement().asString().contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .contains(OTHER.fingerprintSha256()).contains("known_hosts:2");
    }

    @Test
    void aKeyOfAnotherTypeIsAskedAbout() {
        ScriptedUI ui = new ScriptedUI(Deferred.succeed(false));
        KnownHostsFile known = KnownHostsFile.fromText("example.com " + HOST.publicLine() + "\n");
        assertThat(outcome(known.verify(ui, "example.com", 22, ECDSA))).singleElement()
                .isInstanceOf(UserRejectedKey.class);
        assertThat(ui.asked).singleElement().asString().contains("can't be established")
                .contains("ECDSA key fingerprint is " + ECDSA.fingerprintSha256());
    }

    @Test
    void aRevokedKeyIsRefusedWhateverElseTheFileSays() {
        ScriptedUI ui = new ScriptedUI(Deferred.succeed(true));
        KnownHostsFile known = KnownHostsFile.fromText("example.com " + HOST.publicLine() + "\n@revoked * "
                + HOST.publicLine() + "\n");
        assertThat(outcome(known.verify(ui, "example.com", 22, HOST))).singleElement()
                .isInstanceOf(HostKeyRevoked.class);
        assertThat(known.hasHostKey("example.com", 22, HOST)).isFalse();
        assertThat(ui.warned).singleElement().asString().contains("revoked");
    }

    @Test
    void aCertificateAuthorityLineDoesNotVouchForAPlainKey() {
        ScriptedUI ui = new ScriptedUI(Deferred.succeed(false));
        KnownHostsFile known = KnownHostsFile.fromText("@cert-authority *.example.com " + HOST.publicLine() + "\n");
        assertThat(known.hasHostKey("www.example.com", 22, HOST)).isFalse();
        assertThat(outcome(known.verify(ui, "www.example.com", 22, HOST))).singleElement()
                .isInstanceOf(UserRejectedKey.class);
        assertThat(ui.asked).hasSize(1);
    }

    @Test
    void anAcceptedKeyIsAddedHashedToTheFileAndTrustedNextTime() throws Exception {
        Path file = dir.resolve("ssh/known_hosts");
        ScriptedUI ui = new ScriptedUI(Deferred.succeed(true));
        KnownHostsFile known = KnownHostsFile.fromPath(file);
        assertThat(outcome(known.verify(ui, "example.com", 2222, HOST))).containsExactly(true);
        assertThat(ui.warned).singleElement().asString()
                .isEqualTo("Warning: Permanently added '[example.com]:2222' (ED25519) to the list of known hosts.");
        String written = Files.readString(file);
        assertThat(written).startsWith("|1|").endsWith(" " + HOST.publicLine("") + "\n").doesNotContain("example");
        KnownHostsFile again = KnownHostsFile.fromPath(file);
        assertThat(again.hasHostKey("example.com", 2222, HOST)).isTrue();
        assertThat(outcome(again.verify(ui, "example.com", 2222, OTHER))).singleElement()
                .isInstanceOf(HostKeyChanged.class);
    }

    @Test
    void theTransportWaitsForTheUserAndRefusesAChangedKey() {
        KnownHostsFile known = KnownHostsFile.fromText("");
        Deferred<Boolean> answer = new Deferred<>();
        ScriptedUI ui = new ScriptedUI(answer);
        ClientServerPair pair = new ClientServerPair(new UserAuthConfig(), known.verifier("server", 22, ui),
                connection -> new UserAuthClient("alice", List.of(ClientServerPair.ALICE_KEY), null, connection));
        assertThat(ui.asked).hasSize(1);
        assertThat(pair.client.sessionId()).as("no NEWKEYS before the answer").isNull();
        assertThat(pair.client.service()).isNull();
        answer.callback(true);
        pair.flush();
        assertThat(pair.client.service()).isSameAs(pair.connection);

        KnownHostsFile changed = KnownHostsFile.fromText("server " + OTHER.publicLine() + "\n");
        ClientServerPair refused = new ClientServerPair(new UserAuthConfig(), changed.verifier("server", 22, ui),
                connection -> new UserAuthClient("alice", List.of(ClientServerPair.ALICE_KEY), null, connection));
        assertThat(refused.client.disconnectReason()).isEqualTo(DisconnectReason.HOST_KEY_NOT_VERIFIABLE);
        assertThat(refused.client.hostKeyRefusal()).isInstanceOf(HostKeyChanged.class);
        assertThat(refused.client.service()).isNull();
    }
}
