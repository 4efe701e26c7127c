package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BCryptTest {

    /**
     * OpenBSD's and jBCrypt's published vectors, and the $2b$/$2y$ handling of passwords over 72 octets: password,
     * hash (each also the output of libxcrypt's crypt()).
     */
    static Stream<Arguments> knownVectors() {
        return Stream.of(
            Arguments.of("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."),
            Arguments.of("a", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe"),
            Arguments.of("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"),
            Arguments.of("abcdefghijklmnopqrstuvwxyz", "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC"),
            Arguments.of("~!@#$%^&*()      ~!@#$%^&*()PNBFRD", "$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO"),
            Arguments.of("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
            Arguments.of("", "$2b$04$......................w74bL5gU7LSJClZClCa.Pkz14aTv/XO"),
            Arguments.of("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "$2b$05$abcdefghijklmnopqrstuujf8SX2ahXLwp9w/B.Y5XdysS6yR576q"),
            Arguments.of("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "$2y$05$abcdefghijklmnopqrstuujf8SX2ahXLwp9w/B.Y5XdysS6yR576q"),
            Arguments.of("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"));
    }

    @ParameterizedTest
    @MethodSource("knownVectors")
    void knownVectorsHashAndVerify(String password, String expected) {
        assertThat(BCrypt.hash(password, expected.substring(0, 29))).isEqualTo(expected);
        assertThat(BCrypt.verify(password, expected)).isTrue();
        if (password.length() < 72) {
            assertThat(BCrypt.verify(password + "x", expected)).isFalse();
        }
    }

    @Test
    void onlyTheFirst72OctetsCount() {
        String stored = BCrypt.hash("a".repeat(72), 4);
        assertThat(BCrypt.verify("a".repeat(72) + "whatever", stored)).isTrue();
        assertThat(BCrypt.verify("a".repeat(71), stored)).isFalse();
    }

    @Test
    void randomSaltHashesVerify() {
        String stored = BCrypt.hash("secret", 5);
        assertThat(stored).startsWith("$2b$05$").hasSize(60);
        assertThat(BCrypt.verify("secret", stored)).isTrue();
        assertThat(BCrypt.hash("secret", 5)).isNotEqualTo(stored);
        assertThat(BCrypt.verify("Secret", stored)).isFalse();
    }

    @Test
    void nonAsciiPasswordsHashTheirUtf8() {
        String stored = BCrypt.hash("p\u00e4ssw\u00f6rd", 4);
        assertThat(BCrypt.verify("p\u00e4ssw\u00f6rd", stored)).isTrue();
        assertThat(BCrypt.verify("passwrd", stored)).isFalse();
    }

    @Test
    void malformedStoredValuesAreRefused() {
        for (String bad : new String[] {"$2b$10$short", "$2b$xx$" + "a".repeat(53), "$2b$03$" + "a".repeat(53),
                "$2b$32$" + "a".repeat(53), "$2b$10$" + "!".repeat(53), "$2b$10$" + "a".repeat(54), "$2x$10$"
                + "a".repeat(53)}) {
            assertThatThrownBy(() -> BCrypt.verify("pw", bad)).as(bad).isInstanceOf(MalformedHashException.class);
        }
    }

    @Test
    void costOutsideRangeIsRefused() {
        assertThatThrownBy(() -> BCrypt.hash("pw", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BCrypt.hash("pw", 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
