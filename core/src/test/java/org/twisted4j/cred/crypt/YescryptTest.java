package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class YescryptTest {

    /**
     * Hashes made by Debian's libxcrypt 4.4.33: {@code mkpasswd -S SETTING PASSWORD} (or {@code -s} with the
     * password on standard input), so no peer is needed here. Password, hash.
     */
    static Stream<Arguments> libxcryptVectors() {
        return Stream.of(
            // Debian's default, cost 5: N = 4096, r = 32 (with the pre-hashing pass).
            Arguments.of("secret", "$y$j9T$abcdefghijklmnop$3dL1LkYnZM.OVXuVdnnaKVDlLYT92dRwOzDZ5XiVCe."),
            Arguments.of("", "$y$j9T$abcdefghijklmnop$pLCmL.WFP4llpuknjZB0lCp8KKEVl43CyXQupwneDY0"),
            Arguments.of("p\u00e4ssw\u00f6rd with spaces",
                    "$y$j9T$abcdefghijklmnop$sYR6yvcCxVe8URHrxftZ4WO4TyywDBJ59uS1XK37/L4"),
            // mkpasswd -m yescrypt -R 1, 2, 3, 4 and 6.
            Arguments.of("secret", "$y$j75$1ny.Dwpvu9NJi9l3kJLuf1$eBu.a05kFetaaqzQevr5k6.fO3Wtafq46HmrvFPtpM/"),
            Arguments.of("secret", "$y$j85$eaEsRGKSHfGkQRd.5e.Rq0$TmA8DrQk8fyguZrC1477WX1UzqaR/yXu45fi04.iwqB"),
            Arguments.of("secret", "$y$j7T$rY0p/pFuGS4bDjnfaIF6n.$3MKCak/fMHho04W.8nYlEoZqZzmMoFwiwMVHK6Rsvj6"),
            Arguments.of("secret", "$y$j8T$jkzM/2uzpFSEFpDRdeT0D1$qpCPpOmOiI1l./E2hXfGnBGcAsSyNMILmXuaiYIx4Y2"),
            Arguments.of("secret", "$y$jAT$la2OhbdrxB6sJW5HErB61.$kfB7IuFhpCG4u2VpBAoRsl/8WnknmhrT177eCwAMaE5"),
            // The smallest N and N / p the read-write mode takes: 4.
            Arguments.of("secret", "$y$j/5$saltsalt$n3CqdA2Zd54T/yDsoGhmUCqni2fVQygfL66DHZQhC.6"),
            // An empty salt.
            Arguments.of("secret", "$y$j7T$$GOWkVdx8PgkBhg3s7QqNHxhuL8lUt9xnR/gKxZpHXFB"),
            // Classic scrypt, the write-once mode with t = 2, the read-write mode with p = 2 and t = 1.
            Arguments.of("secret", "$y$.75$saltsalt$zqCWAvVF1kL8DeTAWsR.8XonVsi58m109l/ozUnFIm7"),
            Arguments.of("secret", "$y$/75//$saltsalt$rOvjTZB3VCR5xefmehi8M9zYVrlNTW9zGPXTR7tOGJ3"),
            Arguments.of("secret", "$y$j750..$saltsalt$By21BNESnUz1oRFQQxozq4tVOFG/T4dRqRZrVZg0/34"),
            // The smallest blocks (N = 64, r = 1) in each mode, and t = 1, 2 and 3 in the two yescrypt modes.
            Arguments.of("secret", "$y$j3.$saltsalt$x2IFovYKv3VZIGgZ3sIDyqXDmBYUv15xrkEh6mmXmw6"),
            Arguments.of("secret", "$y$/3.$saltsalt$/PSs2P3Bh3kgyfss7s6ExPPYo9B7yIuHqaR3dsKmUr4"),
            Arguments.of("secret", "$y$.3.$saltsalt$fWB.tP4vvpcLihfGJ0qrkpCtc5/6YnyYLHjjVWIMMj7"),
            Arguments.of("secret", "$y$j3./.$saltsalt$L1LPS4KlM.RED/2xcuFCzf3IZsfhZWsRdjSjvKPDGjA"),
            Arguments.of("secret", "$y$j3.//$saltsalt$TjYPAiPPXv9wVOWL1dNL835Y2LBBwLqA6B18Y9QsGv3"),
            Arguments.of("secret", "$y$j3./0$saltsalt$sHjb6V6oIEjyiCNTBFShW4WUnfah7IfR9ut8iizXhX3"),
            Arguments.of("secret", "$y$/3./.$saltsalt$Jsw9CkrRW1kkF3jQkmC8QIz2Qtm7NPtrb...ZHCBCJ/"),
            Arguments.of("secret", "$y$/3./0$saltsalt$xjb.b6WOwbv5GsxapVGz6skcBR7SaHm9CIYMCuuHEp5"),
            // $7$: N = 64, r = 1; N = 1024, r = 8; then N = 16384 with the scrypt paper's salt.
            Arguments.of("secret", "$7$4/..../....salt$bm95bB2fHigOX6rebI1KlekcxN.u8zBGTdUzY8H5nm1"),
            Arguments.of("secret", "$7$86..../....saltsalt$W8FO9.l0W4e1gEhH6uR1MYKcoKCutjgsf5FwOwJxx33"),
            Arguments.of("secret", "$7$C6..../....SodiumChloride$KnaT/KYqe0Wkw8JJxj5dtK/JH3wZT3jEZzX4iCRKXQ0"));
    }

    @ParameterizedTest
    @MethodSource("libxcryptVectors")
    void libxcryptHashesVerifyAndAreReproduced(String password, String stored) {
        assertThat(Yescrypt.verify(password, stored)).isTrue();
        assertThat(Yescrypt.hash(password, stored)).isEqualTo(stored);
        assertThat(Yescrypt.hash(password, stored.substring(0, stored.lastIndexOf('$')))).isEqualTo(stored);
        assertThat(CryptHashes.verify(password, stored)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("libxcryptVectors")
    void wrongPasswordsFail(String password, String stored) {
        assertThat(Yescrypt.verify(password + "x", stored)).isFalse();
        assertThat(Yescrypt.verify("x" + password, stored)).isFalse();
    }

    @Test
    void aChangedHashCharacterFails() {
        String stored = "$y$j7T$rY0p/pFuGS4bDjnfaIF6n.$3MKCak/fMHho04W.8nYlEoZqZzmMoFwiwMVHK6Rsvj6";
        assertThat(Yescrypt.verify("secret", stored.replace("$3MK", "$3ML"))).isFalse();
        assertThat(Yescrypt.verify("secret", stored.replace("$rY0", "$rY1"))).isFalse();
    }

    @Test
    void randomSaltHashesVerify() {
        String stored = Yescrypt.hash("secret");
        assertThat(stored).matches("\\$y\\$j9T\\$[./0-9A-Za-z]{22}\\$[./0-9A-Za-z]{43}");
        assertThat(Yescrypt.verify("secret", stored)).isTrue();
        assertThat(Yescrypt.verify("Secret", stored)).isFalse();
        assertThat(Yescrypt.hash("secret")).isNotEqualTo(stored);
    }

    @Test
    void costsFollowLibxcrypt() {
        assertThat(Yescrypt.hash("pw", 1)).startsWith("$y$j75$");
        assertThat(Yescrypt.hash("pw", 2)).startsWith("$y$j85$");
        assertThat(Yescrypt.hash("pw", 3)).startsWith("$y$j7T$");
        assertThat(Yescrypt.hash("pw", 4)).startsWith("$y$j8T$");
        assertThatThrownBy(() -> Yescrypt.hash("pw", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Yescrypt.hash("pw", Yescrypt.MAX_COST + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersEncodeAsYescryptWritesThem() {
        assertThat(Yescrypt.encodeNumber(47, 0)).isEqualTo("j");
        assertThat(Yescrypt.encodeNumber(12, 1)).isEqualTo("9");
        assertThat(Yescrypt.encodeNumber(32, 1)).isEqualTo("T");
        assertThat(Yescrypt.encodeNumber(8, 1)).isEqualTo("5");
        assertThat(Yescrypt.encodeNumber(48, 0)).hasSize(2);
        for (long n : new long[] {0, 1, 46, 47, 48, 49, 559, 560, 561, 17_000, 100_000, 1L << 30, 1_091_060_271L}) {
            for (int min = 0; min <= 2 && min <= n; min++) {
                String text = Yescrypt.encodeNumber(n, min);
                assertThat(YescryptSetting.decodeNumber(text, min)).as("%d from %d: %s", n, min, text).isEqualTo(n);
            }
        }
        assertThatThrownBy(() -> YescryptSetting.decodeNumber("k", 0)).isInstanceOf(MalformedHashException.class);
        assertThatThrownBy(() -> Yescrypt.encodeNumber(1_091_060_272L, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saltsDecodeAsYescryptReadsThem() {
        assertThat(YescryptSetting.decode("")).isEmpty();
        assertThat(Yescrypt.encode(YescryptSetting.decode("abcdefghijklmnop"))).isEqualTo("abcdefghijklmnop");
        assertThat(YescryptSetting.decode("rY0p/pFuGS4bDjnfaIF6n.")).hasSize(16);
        assertThat(YescryptSetting.parse("$y$j9T$abcdefghijklmnop").salt()).hasSize(12);
    }

    @Test
    void parametersAreReadFromTheSetting() {
        YescryptSetting defaults = YescryptSetting.parse("$y$j9T$abcd");
        assertThat(defaults.flags()).isEqualTo(YescryptKdf.RW_DEFAULTS);
        assertThat(defaults.n()).isEqualTo(4096);
        assertThat(defaults.r()).isEqualTo(32);
        assertThat(defaults.p()).isEqualTo(1);
        assertThat(defaults.t()).isZero();
        assertThat(defaults.prefix()).isEqualTo("$y$j9T$abcd");
        YescryptSetting extra = YescryptSetting.parse("$y$j750..$saltsalt$hash");
        assertThat(extra.p()).isEqualTo(2);
        assertThat(extra.t()).isEqualTo(1);
        assertThat(extra.prefix()).isEqualTo("$y$j750..$saltsalt");
        YescryptSetting scrypt = YescryptSetting.parse("$7$C6..../....SodiumChloride");
        assertThat(scrypt.flags()).isZero();
        assertThat(scrypt.n()).isEqualTo(16384);
        assertThat(scrypt.r()).isEqualTo(8);
        assertThat(scrypt.p()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Salts libxcrypt refuses (mkpasswd: "Invalid argument"): a lone last character, bits beyond the octets.
        "$y$j75$TUVWXYZabcdef", "$y$j85$0123456789", "$y$jAT$ShortSalt", "$y$j9T$abcdefghijklmnopqrstuv",
        "$y$j9T$ab!d",
        "$y$j9T$abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd",
        // Parameters: missing, truncated, unknown flavour, hash upgrades, ROM, r or p of 0, t in classic scrypt.
        "$y$", "$y$j", "$y$j9", "$y$j9T", "$y$j9Tsalt", "$y$k9T$salt", "$y$i9T$salt", "$y$j9T1/$salt",
        "$y$j9T7/$salt", "$y$.75//$salt", "$y$j!T$salt", "$y$j9T/$salt",
        // N below 4, and N / p below 4 in the read-write mode, which libxcrypt's yescrypt refuses.
        "$y$..5$saltsalt", "$y$/.5$saltsalt", "$y$j/50.$saltsalt", "$7$//..../....salt",
        "$7$", "$7$C", "$7$C6...", "$7$C.........$salt", "$7$C6.........$salt", "$7$.6..../....salt",
        "$7$C6..../....sa~lt", "$1$salt", "$y$j9T$salt:x",
    })
    void malformedSettingsAreRefused(String setting) {
        assertThatThrownBy(() -> Yescrypt.hash("pw", setting)).as(setting)
                .isInstanceOf(MalformedHashException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // libxcrypt's costs 10 and 11: 512 MiB and 1 GiB.
        "$y$jET$salt", "$y$jFT$salt",
        // N = 2^63 and the largest r: gigantic, refused before any allocation.
        "$y$jzzzzzT$salt", "$y$j9zzzzzz$salt", "$y$.zzzzzzzzzzzz$salt", "$7$z6..../....salt",
        "$7$6zzzzz/....salt",
        // p and t above their limits.
        "$y$j9T/E$salt", "$y$/75.D$salt", "$y$/75/F$salt",
    })
    void settingsAboveTheLimitsAreRefusedBeforeAllocating(String setting) {
        assertThatThrownBy(() -> Yescrypt.hash("pw", setting)).as(setting)
                .isInstanceOf(MalformedHashException.class);
        assertThatThrownBy(() -> Yescrypt.verify("pw", setting + "$" + "a".repeat(43))).as(setting)
                .isInstanceOf(MalformedHashException.class);
    }

    @Test
    void largeBlocksAndTooMuchWorkAreRefused() {
        // r = 4097 with N = 4: little memory for the blocks, but lanes and scratch of that size.
        String bigBlocks = "$y$." + Yescrypt.encodeNumber(2, 1) + Yescrypt.encodeNumber(4097, 1) + "$salt";
        assertThatThrownBy(() -> Yescrypt.hash("pw", bigBlocks)).isInstanceOf(MalformedHashException.class)
                .hasMessageContaining("limit");
        // The write-once mode at 256 MiB (N = 2^21, r = 1) is allowed four times over (p = 4), not eight.
        assertThat(YescryptSetting.parse(writeOnceAt256MiB(4)).p()).isEqualTo(4);
        assertThatThrownBy(() -> Yescrypt.hash("pw", writeOnceAt256MiB(8))).isInstanceOf(MalformedHashException.class)
                .hasMessageContaining("limit");
    }

    private static String writeOnceAt256MiB(int p) {
        return "$y$/" + Yescrypt.encodeNumber(21, 1) + Yescrypt.encodeNumber(1, 1) + Yescrypt.encodeNumber(1, 1)
                + Yescrypt.encodeNumber(p, 2) + "$salt";
    }

    @Test
    void storedValuesMustBeWholeHashes() {
        String good = "$y$j7T$rY0p/pFuGS4bDjnfaIF6n.$3MKCak/fMHho04W.8nYlEoZqZzmMoFwiwMVHK6Rsvj6";
        for (String bad : new String[] {"$y$j7T$rY0p/pFuGS4bDjnfaIF6n.", good.substring(0, good.length() - 1),
                good + "a", good.substring(0, good.length() - 1) + "!", "$y$j7T$rY0p$/pFu$" + "a".repeat(43)}) {
            assertThatThrownBy(() -> Yescrypt.verify("secret", bad)).as(bad)
                    .isInstanceOf(MalformedHashException.class);
        }
    }

    @Test
    void passwordsCryptRefusesNeverMatch() {
        String longest = "x".repeat(Yescrypt.MAX_PASSWORD_BYTES);
        String stored = Yescrypt.hash(longest, "$y$j75$saltsalt");
        assertThat(Yescrypt.verify(longest, stored)).isTrue();
        assertThat(Yescrypt.verify(longest + "x", stored)).isFalse();
        assertThatThrownBy(() -> Yescrypt.hash(longest + "x", "$y$j75$saltsalt"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesItsPrefixesOnly() {
        assertThat(Yescrypt.recognises("$y$j9T$abc$def")).isTrue();
        assertThat(Yescrypt.recognises("$7$C6..../....abc$def")).isTrue();
        assertThat(Yescrypt.recognises("$gy$j9T$abc$def")).isFalse();
        assertThat(Yescrypt.recognises("$6$abc$def")).isFalse();
    }
}
