package org.twisted4j.conch.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.cred.SSHPrivateKey;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.cred.ValidPublicKey;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;

/** User certificates checked against trusted CAs, principals, validity, critical options and the user's signature. */
class UserCertificateCheckerTest {

    private static final Key CA = Key.generate(KeyType.ED25519);
    private static final Key USER = Key.generate(KeyType.ED25519);
    private static final long NOW = 1_800_000_000L;
    private static final byte[] DATA = "session and request".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Clock clock = new Clock();
    private final UserCertificateChecker checker = new UserCertificateChecker(List.of(CA), clock,
            Instant.ofEpochSecond(NOW), null);

    private static Certificate.Builder cert() {
        return Certificate.builder(USER).keyId("id").principals(List.of("alice")).validity(NOW - 10, NOW + 10);
    }

    private Object check(Certificate cert, String user, @Nullable String peer, boolean signed) {
        String algorithm = cert.typeName();
        SSHPrivateKey key = SSHPrivateKey.of(user, algorithm, cert.blob(), signed ? DATA : null,
                signed ? USER.sign("ssh-ed25519", DATA) : null);
        return outcome(checker.requestAvatarId(new PeerSSHPrivateKey(key, peer)));
    }

    @Test
    void aGoodCertificateLogsItsPrincipalIn() {
        Certificate cert = cert().sign(CA, "ssh-ed25519");
        assertThat(check(cert, "alice", "127.0.0.1", true)).isEqualTo("alice");
        assertThat(check(cert, "alice", "127.0.0.1", false)).isInstanceOf(ValidPublicKey.class);
    }

    @Test
    void refusesOtherUsersAndEmptyPrincipals() {
        assertThat(check(cert().sign(CA, "ssh-ed25519"), "bob", "127.0.0.1", true))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(check(cert().principals(List.of()).sign(CA, "ssh-ed25519"), "alice", "127.0.0.1", true))
                .isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void refusesOutsideTheValidityWindow() {
        assertThat(check(cert().validity(NOW - 100, NOW).sign(CA, "ssh-ed25519"), "alice", "127.0.0.1", true))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(check(cert().validity(NOW + 1, NOW + 100).sign(CA, "ssh-ed25519"), "alice", "127.0.0.1", true))
                .isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void validityFollowsTheReactorClockFromValidAfterIncludedToValidBeforeExcluded() {
        Certificate cert = cert().validity(NOW + 5, NOW + 10).sign(CA, "ssh-ed25519");
        assertThat(check(cert, "alice", "127.0.0.1", true)).isInstanceOf(UnauthorizedLogin.class);
        clock.advance(4.999);
        assertThat(check(cert, "alice", "127.0.0.1", true)).isInstanceOf(UnauthorizedLogin.class);
        clock.advance(0.001);
        assertThat(check(cert, "alice", "127.0.0.1", true)).isEqualTo("alice");
        clock.advance(4.999);
        assertThat(check(cert, "alice", "127.0.0.1", true)).isEqualTo("alice");
        clock.advance(0.001);
        assertThat(check(cert, "alice", "127.0.0.1", true)).isInstanceOf(UnauthorizedLogin.class);
        Certificate forever = cert().validity(NOW + 5, Certificate.FOREVER).sign(CA, "ssh-ed25519");
        clock.advance(1e9);
        assertThat(check(forever, "alice", "127.0.0.1", true)).isEqualTo("alice");
    }

    @Test
    void refusesUntrustedAuthoritiesHostCertificatesAndBadUserSignatures() {
        assertThat(check(cert().sign(Key.generate(KeyType.ED25519), "ssh-ed25519"), "alice", "127.0.0.1", true))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(check(cert().type(Certificate.Type.HOST).sign(CA, "ssh-ed25519"), "alice", "127.0.0.1", true))
                .isInstanceOf(UnauthorizedLogin.class);
        Certificate cert = cert().sign(CA, "ssh-ed25519");
        SSHPrivateKey forged = SSHPrivateKey.of("alice", cert.typeName(), cert.blob(), DATA,
                Key.generate(KeyType.ED25519).sign("ssh-ed25519", DATA));
        assertThat(outcome(checker.requestAvatarId(forged))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void enforcesSourceAddressAndRefusesUnknownCriticalOptions() {
        Certificate fromLoopback = cert().criticalOption("source-address", "10.0.0.0/8,127.0.0.0/8").sign(CA,
                "ssh-ed25519");
        assertThat(check(fromLoopback, "alice", "127.0.0.1", true)).isEqualTo("alice");
        assertThat(check(fromLoopback, "alice", "192.168.1.1", true)).isInstanceOf(UnauthorizedLogin.class);
        assertThat(check(fromLoopback, "alice", null, true)).isInstanceOf(UnauthorizedLogin.class);
        assertThat(check(cert().criticalOption("source-address", "::1/128").sign(CA, "ssh-ed25519"), "alice", "::1",
                true)).isEqualTo("alice");
        assertThat(check(cert().criticalFlag("no-such-option@example.com").sign(CA, "ssh-ed25519"), "alice",
                "127.0.0.1", true)).isInstanceOf(UnauthorizedLogin.class);
        assertThat(check(cert().criticalOption("verify-required", "").sign(CA, "ssh-ed25519"), "alice", "127.0.0.1",
                true)).isInstanceOf(UnauthorizedLogin.class);
        // verify-required concerns FIDO keys only; for others sshd accepts it and so do we.
        assertThat(check(cert().criticalFlag("verify-required").sign(CA, "ssh-ed25519"), "alice", "127.0.0.1",
                true)).isEqualTo("alice");
        assertThat(check(cert().extension("no-touch-required").extension("unknown@example.com").sign(CA,
                "ssh-ed25519"), "alice", "127.0.0.1", true)).isEqualTo("alice");
        assertThat(check(cert().criticalOption("force-command", "true").sign(CA, "ssh-ed25519"), "alice",
                "127.0.0.1", true)).isEqualTo("alice");
    }

    @Test
    void addressBlocksMatchByPrefixAndNeverLookUpNames() {
        assertThat(UserCertificateChecker.matchesAny("192.168.7.9", "192.168.0.0/16")).isTrue();
        assertThat(UserCertificateChecker.matchesAny("192.169.7.9", "192.168.0.0/16")).isFalse();
        assertThat(UserCertificateChecker.matchesAny("10.1.2.3", "10.1.2.3")).isTrue();
        assertThat(UserCertificateChecker.matchesAny("10.1.2.3", "localhost,cafe,10.1.2.0/33")).isFalse();
        assertThat(UserCertificateChecker.matchesAny("::1", "127.0.0.1/8")).isFalse();
    }

    @Test
    void rsaCertificatesSignWithRsaSha2Names() {
        Key rsa = Key.generate(KeyType.RSA, 2048);
        Certificate cert = Certificate.builder(rsa).principals(List.of("alice")).validity(NOW - 10, NOW + 10)
                .sign(CA, "ssh-ed25519");
        for (String algorithm : List.of("rsa-sha2-512", "rsa-sha2-256")) {
            SSHPrivateKey key = SSHPrivateKey.of("alice", algorithm + "-cert-v01@openssh.com", cert.blob(), DATA,
                    rsa.sign(algorithm, DATA));
            assertThat(outcome(checker.requestAvatarId(key))).isEqualTo("alice");
        }
        SSHPrivateKey sha1 = SSHPrivateKey.of("alice", "ssh-rsa-cert-v01@openssh.com", cert.blob(), DATA,
                rsa.sign("ssh-rsa", DATA));
        assertThat(outcome(checker.requestAvatarId(sha1))).isInstanceOf(UnauthorizedLogin.class);
        SSHPrivateKey mismatched = SSHPrivateKey.of("alice", "ssh-ed25519-cert-v01@openssh.com", cert.blob(), DATA,
                rsa.sign("rsa-sha2-512", DATA));
        assertThat(outcome(checker.requestAvatarId(mismatched))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void plainKeysGoToTheOtherChecker() {
        UserCertificateChecker withPlain = new UserCertificateChecker(List.of(CA), new Clock(),
                new org.twisted4j.cred.SSHPublicKeyChecker(user -> List.of()));
        SSHPrivateKey plain = SSHPrivateKey.of("alice", "ssh-ed25519", USER.publicBlob(), null, null);
        assertThat(outcome(withPlain.requestAvatarId(plain))).isInstanceOf(UnauthorizedLogin.class);
        assertThat(outcome(checker.requestAvatarId(plain))).isInstanceOf(UnauthorizedLogin.class);
    }

    private static Object outcome(Deferred<String> result) {
        Object[] outcome = new Object[1];
        result.addCallback(id -> {
            outcome[0] = id;
            return null;
        }).addErrback(failure -> {
            outcome[0] = failure.value();
            return null;
        });
        return outcome[0];
    }
}
