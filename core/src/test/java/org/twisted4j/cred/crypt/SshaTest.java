package org.twisted4j.cred.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshaTest {

    @Test
    void slappasswdStyleValueVerifies() {
        // base64(SHA1("secret" + "salt") + "salt"), as slappasswd -s secret writes it with that salt
        String stored = Ssha.hash("secret", "salt".getBytes());
        assertThat(stored).isEqualTo("{SSHA}" + java.util.Base64.getEncoder().encodeToString(concat(
                sha1("secretsalt"), "salt".getBytes())));
        assertThat(Ssha.verify("secret", stored)).isTrue();
        assertThat(Ssha.verify("secreT", stored)).isFalse();
        assertThat(Ssha.verify("secret", "{ssha}" + stored.substring(6))).isTrue();
    }

    @Test
    void randomSaltHashesVerify() {
        String stored = Ssha.hash("pw");
        assertThat(Ssha.verify("pw", stored)).isTrue();
        assertThat(Ssha.hash("pw")).isNotEqualTo(stored);
    }

    @Test
    void malformedValuesAreRefused() {
        for (String bad : new String[] {"{SSHA}!!!", "{SSHA}" + java.util.Base64.getEncoder().encodeToString(new byte[20]),
                "{SHA}abc"}) {
            assertThatThrownBy(() -> Ssha.verify("pw", bad)).as(bad).isInstanceOf(MalformedHashException.class);
        }
    }

    private static byte[] sha1(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
