package org.twisted4j.conch.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** cftp's command lines split into words. */
class CommandWordsTest {

    @Test
    void wordsAreSplitAtWhiteSpaceAndQuotesKeepSpaces() {
        assertThat(CommandWords.split("  get  a.txt\tb.txt ")).containsExactly("get", "a.txt", "b.txt");
        assertThat(CommandWords.split("put \"my file\" \"a \\\"q\\\" \\\\ b\"")).containsExactly("put", "my file",
                "a \"q\" \\ b");
        assertThat(CommandWords.split("")).isEmpty();
    }

    @Test
    void anUnterminatedQuoteIsRefused() {
        assertThatThrownBy(() -> CommandWords.split("get \"open")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unterminated quote");
    }

    @Test
    void aQuotedWordSplitsBackToItself() {
        String word = "a \"b\" \\c d";
        assertThat(CommandWords.split("x " + CommandWords.quote(word))).containsExactly("x", word);
    }
}
