package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CryptHashesTest {

    @Test
    void recognisesEachFormatByItsPrefix() {
        assertThat(CryptHashes.kind("$2a$10$x")).contains(CryptHashes.Kind.BCRYPT);
        assertThat(CryptHashes.kind("$2b$10$x")).contains(CryptHashes.Kind.BCRYPT);
        assertThat(CryptHashes.kind("$2y$10$x")).contains(CryptHashes.Kind.BCRYPT);
        assertThat(CryptHashes.kind("$6$x")).contains(CryptHashes.Kind.SHA512_CRYPT);
        assertThat(CryptHashes.kind("$5$x")).contains(CryptHashes.Kind.SHA256_CRYPT);
        assertThat(CryptHashes.kind("{SSHA}x")).contains(CryptHashes.Kind.SSHA);
        assertThat(CryptHashes.kind("plain password")).isEmpty();
        assertThat(CryptHashes.kind("$1$md5crypt$x")).isEmpty();
        assertThat(CryptHashes.kind("$y$j9T$yescrypt")).contains(CryptHashes.Kind.YESCRYPT);
        assertThat(CryptHashes.kind("$7$C6..../....scrypt")).contains(CryptHashes.Kind.SCRYPT);
        assertThat(CryptHashes.kind("$gy$j9T$gost")).isEmpty();
    }

    @Test
    void verifiesEachFormat() {
        for (String stored : new String[] {BCrypt.hash("pw", 4), Sha512Crypt.hash("pw"), Sha256Crypt.hash("pw"),
                Ssha.hash("pw"), Yescrypt.hash("pw", 1)}) {
            assertThat(CryptHashes.verify("pw", stored)).as(stored).isTrue();
            assertThat(CryptHashes.verify("pW", stored)).as(stored).isFalse();
        }
    }

    @Test
    void unrecognisedValueIsMalformed() {
        assertThatThrownBy(() -> CryptHashes.verify("pw", "pw")).isInstanceOf(MalformedHashException.class);
    }
}
