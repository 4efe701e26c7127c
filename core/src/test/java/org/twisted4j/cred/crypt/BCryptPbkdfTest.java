package org.twisted4j.cred.crypt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BCryptPbkdfTest {

    /** Vectors from OpenBSD's bcrypt_pbkdf as Python's bcrypt.kdf (the same C code) gives them. */
    @ParameterizedTest
    @CsvSource({
        "70617373776f7264, 73616c74, 4, 32, 5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9",
        "70617373776f7264, 73616c74, 4, 64, 5ba4bfc60c7ac272931458407f4c1c4936ea356c55125c5a279b791d65bf9842"
                + "d49d7e1b572a9052715ebfa9421e7e949d8f8f19be3284732af1ba28341dd9bf",
        "70617373776f7264, 00, 4, 16, c12b566235eee04c212598970a579a67",
        "70617373706872617365, 30313233343536373839616263646566, 16, 48, 136363279c7d48ddc5e10a95c17522d2ab5a84a3"
                + "d4dd5b772393b97eb9af0e59132df39b0f072fdc261704fd1356cf0a",
        "00, 73616c74, 8, 7, 8fc19496bf4270",
    })
    void matchesOpenBsdVectors(String password, String salt, int rounds, int length, String expected) {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(BCryptPbkdf.derive(hex.parseHex(password), hex.parseHex(salt), rounds, length)))
                .isEqualTo(expected);
    }

    @Test
    void refusesWhatOpenBsdRefuses() {
        byte[] pw = "pw".getBytes(US_ASCII);
        assertThatThrownBy(() -> BCryptPbkdf.derive(new byte[0], pw, 1, 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BCryptPbkdf.derive(pw, new byte[0], 1, 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BCryptPbkdf.derive(pw, pw, 0, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BCryptPbkdf.derive(pw, pw, 1, BCryptPbkdf.MAX_KEY_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
