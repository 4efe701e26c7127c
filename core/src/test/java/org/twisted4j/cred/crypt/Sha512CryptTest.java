package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Sha512CryptTest {

    /** The test vectors of Drepper's "Unix crypt using SHA-256 and SHA-512": password, setting, hash. */
    static Stream<Arguments> specificationVectors() {
        return Stream.of(
            Arguments.of("Hello world!", "$6$saltstring", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"),
            Arguments.of("Hello world!", "$6$rounds=10000$saltstringsaltstring", "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."),
            Arguments.of("This is just a test", "$6$rounds=5000$toolongsaltstring", "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0"),
            Arguments.of("a very much longer text to encrypt.  This one even stretches over morethan one line.", "$6$rounds=1400$anotherlongsaltstring", "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1"),
            Arguments.of("we have a short salt string but not a short password", "$6$rounds=77777$short", "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0"),
            Arguments.of("a short string", "$6$rounds=123456$asaltof16chars..", "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1"),
            Arguments.of("the minimum number is still observed", "$6$rounds=10$roundstoolow", "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX."));
    }

    @ParameterizedTest
    @MethodSource("specificationVectors")
    void specificationVectorsHashAndVerify(String password, String setting, String expected) {
        assertThat(Sha512Crypt.hash(password, setting)).isEqualTo(expected);
        assertThat(Sha512Crypt.verify(password, expected)).isTrue();
        assertThat(Sha512Crypt.verify(password + "x", expected)).isFalse();
    }

    @Test
    void randomSaltHashesVerify() {
        String stored = Sha512Crypt.hash("secret");
        assertThat(stored).matches("\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}");
        assertThat(Sha512Crypt.verify("secret", stored)).isTrue();
        assertThat(Sha512Crypt.hash("secret")).isNotEqualTo(stored);
        assertThat(Sha512Crypt.hash("secret", 1000)).startsWith("$6$rounds=1000$");
    }

    @Test
    void malformedStoredValuesAreRefused() {
        for (String bad : new String[] {"$6$salt", "$6$salt$short", "$6$rounds=x$salt$" + "a".repeat(86),
                "$6$rounds=5000", "$6$salt$" + "!".repeat(86), "$1$salt$abc"}) {
            assertThatThrownBy(() -> Sha512Crypt.verify("pw", bad)).as(bad).isInstanceOf(MalformedHashException.class);
        }
    }

    @Test
    void recognisesItsPrefixOnly() {
        assertThat(Sha512Crypt.recognises("$6$abc$def")).isTrue();
        assertThat(Sha512Crypt.recognises("$2b$10$abc")).isFalse();
    }
}
