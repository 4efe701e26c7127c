package org.twisted4j.conch.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes cftp's command line splitter with arbitrary text.
 *
 * <p>Invariants: only {@link IllegalArgumentException} escapes; there are no more words than characters; the words
 * quoted and joined split back to the same words.
 */
class CommandWordsFuzzTest {

    @FuzzTest
    void anyLineSplitsOrIsRefusedAndQuotedWordsSplitBack(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        List<String> words;
        try {
            words = CommandWords.split(line);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(words.size()).isLessThanOrEqualTo(line.length());
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(CommandWords.quote(word));
        }
        String joined = String.join(" ", quoted);
        if (joined.length() <= CommandWords.MAX_LINE) {
            assertThat(CommandWords.split(joined)).isEqualTo(words);
        }
    }
}
