package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Sha256CryptTest {

    /** The test vectors of Drepper's "Unix crypt using SHA-256 and SHA-512": password, setting, hash. */
    static Stream<Arguments> specificationVectors() {
        return Stream.of(
            Arguments.of("Hello world!", "$5$saltstring", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"),
            Arguments.of("Hello world!", "$5$rounds=10000$saltstringsaltstring", "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"),
            Arguments.of("This is just a test", "$5$rounds=5000$toolongsaltstring", "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"),
            Arguments.of("a very much longer text to encrypt.  This one even stretches over morethan one line.", "$5$rounds=1400$anotherlongsaltstring", "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1"),
            Arguments.of("we have a short salt string but not a short password", "$5$rounds=77777$short", "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/"),
            Arguments.of("a short string", "$5$rounds=123456$asaltof16chars..", "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD"),
            Arguments.of("the minimum number is still observed", "$5$rounds=10$roundstoolow", "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"));
    }

    @ParameterizedTest
    @MethodSource("specificationVectors")
    void specificationVectorsHashAndVerify(String password, String setting, String expected) {
        assertThat(Sha256Crypt.hash(password, setting)).isEqualTo(expected);
        assertThat(Sha256Crypt.verify(password, expected)).isTrue();
        assertThat(Sha256Crypt.verify(password + "x", expected)).isFalse();
    }

    @Test
    void randomSaltHashesVerify() {
        String stored = Sha256Crypt.hash("secret");
        assertThat(stored).matches("\\$5\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{43}");
        assertThat(Sha256Crypt.verify("secret", stored)).isTrue();
        assertThat(Sha256Crypt.hash("secret")).isNotEqualTo(stored);
        assertThat(Sha256Crypt.hash("secret", 1000)).startsWith("$5$rounds=1000$");
    }

    @Test
    void malformedStoredValuesAreRefused() {
        for (String bad : new String[] {"$5$salt", "$5$salt$short", "$5$rounds=x$salt$" + "a".repeat(43),
                "$5$rounds=5000", "$5$salt$" + "!".repeat(43), "$1$salt$abc"}) {
            assertThatThrownBy(() -> Sha256Crypt.verify("pw", bad)).as(bad).isInstanceOf(MalformedHashException.class);
        }
    }

    @Test
    void recognisesItsPrefixOnly() {
        assertThat(Sha256Crypt.recognises("$5$abc$def")).isTrue();
        assertThat(Sha256Crypt.recognises("$2b$10$abc")).isFalse();
    }
}
