package org.twisted4j.mail.alias;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the aliases(5) parser: only {@link IllegalArgumentException} escapes, names are lower case and targets
 * non-empty, and what parses writes back to text that parses to the same aliases.
 */
class AliasFileFuzzTest {

    @FuzzTest
    void parseThenFormatRoundTrips(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        Map<String, List<AliasFile.Target>> aliases;
        try {
            aliases = AliasFile.parse(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        aliases.forEach((name, targets) -> {
            assertThat(name).isLowerCase().isNotBlank();
            assertThat(targets).isNotEmpty().allSatisfy(t -> assertThat(t.value()).isNotEmpty());
        });
        assertThat(AliasFile.parse(AliasFile.format(aliases))).isEqualTo(aliases);
    }
}
