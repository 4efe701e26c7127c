package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CramMD5CredentialsTest {

    @Test
    void rfc2195ExampleResponseChecksAgainstThePassword() {
        CramMD5Credentials cram = new CramMD5Credentials("postoffice.reston.mci.net");
        cram.setChallenge("<1896.697170952@postoffice.reston.mci.net>");
        cram.setResponse("tim b913a602c7eda7a495b4e6e7334d3890");
        assertThat(cram.username()).isEqualTo("tim");
        assertThat(cram.checkPassword("tanstaaftanstaaf")).isTrue();
        assertThat(cram.checkPassword("tanstaaftanstaafX")).isFalse();
        assertThat(cram.moreChallenges()).isFalse();
    }

    @Test
    void challengeNamesTheHostAndStaysTheSame() {
        CramMD5Credentials cram = new CramMD5Credentials("mail.example.org");
        String challenge = cram.getChallenge();
        assertThat(challenge).matches("<\\d+\\.\\d+@mail\\.example\\.org>");
        assertThat(cram.getChallenge()).isEqualTo(challenge);
        assertThat(new CramMD5Credentials("mail.example.org").getChallenge()).isNotEqualTo(challenge);
    }

    @Test
    void responseMadeByRespondLogsInThroughAPortal() {
        CramMD5Credentials cram = new CramMD5Credentials("h");
        cram.setResponse("alice " + CramMD5Credentials.respond(cram.getChallenge(), "secret"));
        Portal portal = new Portal(new PortalTest.TestRealm(), new InMemoryPasswords(Map.of("alice", "secret")));
        Results.result(portal.login(cram, null, PortalTest.Greeter.class));
    }

    @Test
    void emptyPasswordIsAnHmacWithAnEmptyKey() {
        CramMD5Credentials cram = new CramMD5Credentials("h");
        cram.setResponse("bob " + CramMD5Credentials.respond(cram.getChallenge(), ""));
        assertThat(cram.checkPassword("")).isTrue();
        // Python: hmac.new(b"", b"abc", hashlib.md5).hexdigest()
        assertThat(CramMD5Credentials.respond("abc", "")).isEqualTo("dd2701993d29fdd0b032c233cec63403");
    }

    @Test
    void responseWithoutADigestIsRefused() {
        assertThatThrownBy(() -> new CramMD5Credentials("h").setResponse("tim"))
                .isInstanceOf(LoginFailed.class);
    }

    @Test
    void noResponseChecksNothing() {
        assertThat(new CramMD5Credentials("h").checkPassword("x")).isFalse();
    }
}
