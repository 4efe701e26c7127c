package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes the stored-hash parsers with arbitrary text and a password. Asserted: only
 * {@link MalformedHashException} escapes; a value no format recognises is refused as malformed; where the cost or
 * rounds are cheap enough to compute, hashing with the value as setting gives a hash of the same format that
 * verifies the password and hashes to itself again (write-then-parse), and verifying the value itself either
 * answers or refuses it as malformed.
 */
class CryptHashesFuzzTest {

    @FuzzTest
    void storedHashesParseOrAreRefusedAsMalformed(FuzzedDataProvider data) {
        String password = data.consumeString(80);
        String stored = data.consumeRemainingAsString();
        Optional<CryptHashes.Kind> kind = CryptHashes.kind(stored);
        if (kind.isEmpty()) {
            assertThatThrownBy(() -> CryptHashes.verify(password, stored)).isInstanceOf(MalformedHashException.class);
            return;
        }
        try {
            switch (kind.get()) {
                case BCRYPT -> {
                    if (BCrypt.cost(stored) <= 5) {
                        String made = BCrypt.hash(password, stored);
                        assertThat(made).hasSize(60);
                        assertThat(BCrypt.verify(password, made)).isTrue();
                        assertThat(BCrypt.hash(password, made)).isEqualTo(made);
                        verifyOrRefuse(password, stored);
                    }
                }
                case SHA512_CRYPT -> roundTrip(Sha512Crypt.SCHEME, password, stored);
                case SHA256_CRYPT -> roundTrip(Sha256Crypt.SCHEME, password, stored);
                case SSHA -> verifyOrRefuse(password, stored);
                case YESCRYPT, SCRYPT -> yescryptRoundTrip(password, stored);
            }
        } catch (MalformedHashException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }

    private static void roundTrip(ShaCrypt scheme, String password, String stored) {
        if (scheme.parseSetting(stored).rounds() > 5000) {
            return;
        }
        String made = scheme.hash(password, stored);
        assertThat(scheme.verify(password, made)).isTrue();
        assertThat(scheme.hash(password, made)).isEqualTo(made);
        verifyOrRefuse(password, stored);
    }

    /**
     * Parsing alone must keep within the limits; the hash is computed only for cheap settings (N × r × p × (t + 1) up to 8192, 1 MiB), so
     * the fuzzer spends its time on parsing. Passwords crypt refuses are skipped.
     */
    private static void yescryptRoundTrip(String password, String stored) {
        YescryptSetting setting = YescryptSetting.parse(stored);
        assertThat((long) setting.n() * setting.r() * 128).isLessThanOrEqualTo(Yescrypt.MAX_MEMORY);
        assertThat(setting.p()).isBetween(1, Yescrypt.MAX_PARALLELISM);
        assertThat(setting.t()).isBetween(0, Yescrypt.MAX_TIME);
        assertThat(setting.r()).isBetween(1, Yescrypt.MAX_BLOCK_SIZE);
        assertThat((long) setting.n() * setting.r() * 128 * setting.p() * (setting.t() + 1))
                .isLessThanOrEqualTo(Yescrypt.MAX_WORK);
        if ((long) setting.n() * setting.r() * setting.p() * (setting.t() + 1) > 8192
                || password.getBytes(StandardCharsets.UTF_8).length > Yescrypt.MAX_PASSWORD_BYTES) {
            return;
        }
        String made = Yescrypt.hash(password, stored);
        assertThat(made).startsWith(setting.prefix() + "$").hasSize(setting.prefix().length() + 44);
        assertThat(Yescrypt.verify(password, made)).isTrue();
        assertThat(Yescrypt.hash(password, made)).isEqualTo(made);
        verifyOrRefuse(password, stored);
    }

    private static void verifyOrRefuse(String password, String stored) {
        try {
            CryptHashes.verify(password, stored);
        } catch (MalformedHashException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }
}
