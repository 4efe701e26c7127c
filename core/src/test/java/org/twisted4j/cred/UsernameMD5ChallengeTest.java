package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UsernameMD5ChallengeTest {

    @Test
    void challengeIsSixteenRandomOctets() {
        assertThat(UsernameMD5Challenge.challenge()).hasSize(16).isNotEqualTo(UsernameMD5Challenge.challenge());
    }

    @Test
    void respondIsMd5OfMd5PasswordAndChallengeAsPbComputesIt() {
        // MD5("secret") = 5ebe2294ecd0e0f08eab7690d2a6ee69; MD5 of those octets followed by "abc"
        byte[] answer = UsernameMD5Challenge.respond("abc".getBytes(), "secret");
        byte[] expected = Secrets.md5(HexFormat.of().parseHex("5ebe2294ecd0e0f08eab7690d2a6ee69"), "abc".getBytes());
        assertThat(answer).isEqualTo(expected);
    }

    @Test
    void checksAgainstThePasswordOrItsMd5() {
        byte[] challenge = UsernameMD5Challenge.challenge();
        var credentials = new UsernameMD5Challenge("alice", challenge, UsernameMD5Challenge.respond(challenge, "pw"));
        assertThat(credentials.checkPassword("pw")).isTrue();
        assertThat(credentials.checkPassword("pw2")).isFalse();
        assertThat(credentials.checkMD5Password(Secrets.md5("pw".getBytes()))).isTrue();
        assertThat(credentials.toString()).doesNotContain("pw");
    }

    @Test
    void answerToAnotherChallengeIsRefused() {
        byte[] answer = UsernameMD5Challenge.respond(UsernameMD5Challenge.challenge(), "pw");
        assertThat(new UsernameMD5Challenge("alice", UsernameMD5Challenge.challenge(), answer).checkPassword("pw"))
                .isFalse();
    }
}
