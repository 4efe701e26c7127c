package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.task.Clock;

class DigestCredentialFactoryTest {

    private final Clock clock = new Clock();
    private final DigestCredentialFactory factory = new DigestCredentialFactory("md5", "example.org", clock);

    @Test
    void rfc2617ExampleChecksAgainstThePasswordAndItsHash() {
        var credentials = new DigestCredentials("Mufasa", "GET", "testrealm@host.com", Map.of(
                "username", "Mufasa", "realm", "testrealm@host.com", "nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "uri", "/dir/index.html", "qop", "auth", "nc", "00000001", "cnonce", "0a4f113b",
                "response", "6629fae49393a05397450978507c4ef1"));
        assertThat(credentials.checkPassword("Circle Of Life")).isTrue();
        assertThat(credentials.checkPassword("circle of life")).isFalse();
        assertThat(credentials.checkHash(DigestCredentials.ha1("MD5", "Mufasa", "testrealm@host.com",
                "Circle Of Life"))).isTrue();
    }

    @Test
    void challengeHasTwistedsDirectivesInOrder() {
        Map<String, String> challenge = factory.getChallenge("10.0.0.1");
        assertThat(challenge).containsOnlyKeys("nonce", "qop", "realm", "algorithm", "opaque");
        assertThat(challenge.keySet()).containsExactly("nonce", "qop", "realm", "algorithm", "opaque");
        assertThat(challenge.get("nonce")).matches("[0-9a-f]{24}");
        assertThat(challenge).containsEntry("qop", "auth").containsEntry("realm", "example.org")
                .containsEntry("algorithm", "md5");
    }

    @Test
    void answerToAChallengeDecodesAndChecks() {
        DigestCredentials credentials = factory.decode(answer("md5", factory.getChallenge("10.0.0.1"), "pw"),
                "GET", "10.0.0.1");
        assertThat(credentials.username()).isEqualTo("alice");
        assertThat(credentials.checkPassword("pw")).isTrue();
        assertThat(credentials.checkPassword("wrong")).isFalse();
    }

    @Test
    void md5SessAndSha256AnswersCheck() {
        for (String algorithm : new String[] {"md5-sess", "SHA-256", "sha-256-sess"}) {
            var f = new DigestCredentialFactory(algorithm, "example.org", clock);
            DigestCredentials credentials = f.decode(answer(algorithm, f.getChallenge(null), "pw"), "GET", null);
            assertThat(credentials.checkPassword("pw")).as(algorithm).isTrue();
            assertThat(credentials.checkPassword("px")).as(algorithm).isFalse();
        }
    }

    @Test
    void challengeOlderThanFifteenMinutesIsRefused() {
        String answer = answer("md5", factory.getChallenge("10.0.0.1"), "pw");
        clock.advance(DigestCredentialFactory.CHALLENGE_LIFETIME_SECONDS);
        factory.decode(answer, "GET", "10.0.0.1");
        clock.advance(1);
        assertThatThrownBy(() -> factory.decode(answer, "GET", "10.0.0.1")).isInstanceOf(LoginFailed.class)
                .hasMessage("Invalid response, incompatible opaque/nonce too old");
    }

    @Test
    void opaqueFromAnotherClientIsRefused() {
        String answer = answer("md5", factory.getChallenge("10.0.0.1"), "pw");
        assertThatThrownBy(() -> factory.decode(answer, "GET", "10.0.0.2"))
                .hasMessage("Invalid response, incompatible opaque/client values");
    }

    @Test
    void opaqueOfAnotherNonceIsRefused() {
        Map<String, String> first = factory.getChallenge(null);
        Map<String, String> second = factory.getChallenge(null);
        String mixed = answer("md5", first, "pw").replace(first.get("opaque"), second.get("opaque"));
        assertThatThrownBy(() -> factory.decode(mixed, "GET", null))
                .hasMessage("Invalid response, incompatible opaque/nonce values");
    }

    @Test
    void opaqueWithAlteredTimeOrSignatureIsRefused() {
        Map<String, String> challenge = factory.getChallenge(null);
        String opaque = challenge.get("opaque");
        String key = new String(Base64.getDecoder().decode(opaque.substring(opaque.indexOf('-') + 1)));
        String laterKey = key.substring(0, key.lastIndexOf(',')) + ",999";
        String forged = opaque.substring(0, opaque.indexOf('-') + 1)
                + Base64.getEncoder().encodeToString(laterKey.getBytes());
        assertThatThrownBy(() -> factory.decode(answer("md5", challenge, "pw").replace(opaque, forged), "GET", null))
                .hasMessage("Invalid response, invalid opaque value");
        for (String bad : new String[] {"nodash", "a-b-c", "abc-!!!", "abc-" + Base64.getEncoder()
                .encodeToString("x,y".getBytes())}) {
            assertThatThrownBy(() -> factory.decode(answer("md5", challenge, "pw").replace(opaque, bad), "GET", null))
                    .as(bad).hasMessage("Invalid response, invalid opaque value");
        }
    }

    @Test
    void opaqueFromAnotherFactoryIsRefused() {
        var other = new DigestCredentialFactory("md5", "example.org", clock);
        String answer = answer("md5", other.getChallenge(null), "pw");
        assertThatThrownBy(() -> factory.decode(answer, "GET", null)).hasMessage("Invalid response, invalid opaque value");
    }

    @Test
    void missingUsernameOpaqueOrNonceIsNamed() {
        assertThatThrownBy(() -> factory.decode("realm=\"x\"", "GET", null))
                .hasMessage("Invalid response, no username given.");
        assertThatThrownBy(() -> factory.decode("username=\"a\", nonce=\"n\"", "GET", null))
                .hasMessage("Invalid response, no opaque given.");
        assertThatThrownBy(() -> factory.decode("username=\"a\", opaque=\"o\"", "GET", null))
                .hasMessage("Invalid response, no nonce given.");
    }

    @Test
    void malformedDirectivesAreALoginFailure() {
        assertThatThrownBy(() -> factory.decode("username=\"a", "GET", null)).isInstanceOf(LoginFailed.class);
        assertThatThrownBy(() -> factory.decode("username", "GET", null)).isInstanceOf(LoginFailed.class);
        assertThatThrownBy(() -> factory.decode("=x", "GET", null)).isInstanceOf(LoginFailed.class);
    }

    @Test
    void quotedValuesMayHoldCommasAndEscapes() {
        assertThat(DigestFields.parse("Username=\"a\\\"b, c\" ,uri=/x?a=1 , nc=00000001"))
                .containsEntry("username", "a\"b, c").containsEntry("uri", "/x?a=1").containsEntry("nc", "00000001");
    }

    @Test
    void unsupportedAlgorithmIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new DigestCredentialFactory("sha-1", "r", clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What a client answers to the challenge for alice with the password. */
    static String answer(String algorithm, Map<String, String> challenge, String password) {
        String nonce = challenge.get("nonce");
        String ha1 = DigestCredentials.ha1(algorithm, "alice", challenge.get("realm"), password);
        String response = DigestCredentials.response(algorithm, ha1, "GET", "/a", nonce, "00000001", "c0ffee", "auth");
        return "username=\"alice\", realm=\"" + challenge.get("realm") + "\", nonce=\"" + nonce
                + "\", uri=\"/a\", algorithm=" + algorithm + ", qop=auth, nc=00000001, cnonce=\"c0ffee\", response=\""
                + response + "\", opaque=\"" + challenge.get("opaque") + "\"";
    }
}
