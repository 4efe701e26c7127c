package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the authorized_keys parser with arbitrary text. Asserted: nothing escapes (a bad line is skipped); every
 * key read has a blob whose first SSH string is its type, options free of unquoted white space, and a line longer
 * than {@link AuthorizedKeys#MAX_LINE} gives no key; each key written back with {@link AuthorizedKey#toLine()}
 * reads again as a key with the same blob and type; the whole text gives as many keys as its lines one by one.
 */
class AuthorizedKeysFuzzTest {

    @FuzzTest
    void authorizedKeysTextParsesIntoWellFormedKeys(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        List<AuthorizedKey> keys = AuthorizedKeys.parse(text);
        int one = 0;
        for (String line : text.split("\r?\n", -1)) {
            AuthorizedKey key = AuthorizedKeys.parseLine(line);
            if (key != null) {
                one++;
                assertThat(line.length()).isLessThanOrEqualTo(AuthorizedKeys.MAX_LINE);
            }
        }
        assertThat(keys).hasSize(one);
        for (AuthorizedKey key : keys) {
            byte[] blob = key.blob();
            int length = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
            assertThat(new String(blob, 4, length, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(key.keyType());
            AuthorizedKey again = AuthorizedKeys.parseLine(key.toLine());
            if (key.toLine().length() <= AuthorizedKeys.MAX_LINE && key.options().isEmpty()) {
                assertThat(again).isNotNull();
                assertThat(again.matches(blob)).isTrue();
                assertThat(again.keyType()).isEqualTo(key.keyType());
            }
        }
    }
}
