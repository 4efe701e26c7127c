package org.twisted4j.conch.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Key;

/**
 * Fuzzes the reader of trusted CA keys ({@code --trusted-user-ca-keys}, sshd's {@code TrustedUserCAKeys} format,
 * {@link UserCertificateChecker#readAuthorities}). Invariants: only {@link BadKeyException} escapes, naming a line
 * within the text; no more keys than lines; each key read writes back as a line that reads as the same key.
 */
class TrustedCaKeysFuzzTest {

    @FuzzTest
    void trustedCaKeysReadOrNameTheirLine(FuzzedDataProvider data) throws Exception {
        String text = data.consumeRemainingAsString();
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        List<Key> keys;
        try {
            keys = UserCertificateChecker.readAuthorities(text);
        } catch (BadKeyException refused) {
            if (text.length() <= UserCertificateChecker.MAX_AUTHORITIES_TEXT) {
                assertThat(refused.getMessage()).startsWith("line ");
                int line = Integer.parseInt(refused.getMessage().substring(5, refused.getMessage().indexOf(':')));
                assertThat(line).isBetween(1, (int) lines);
            }
            return;
        }
        assertThat((long) keys.size()).isLessThanOrEqualTo(lines);
        for (Key key : keys) {
            assertThat(key.isPublic()).isTrue();
            assertThat(Key.fromPublicLine(key.publicLine("again"))).isEqualTo(key);
        }
    }
}
