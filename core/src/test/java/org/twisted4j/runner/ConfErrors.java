package org.twisted4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What the fuzz targets of the configuration files check of an {@link InvalidConfError}. */
final class ConfErrors {
    private ConfErrors() {
    }

    /** Checks that {@code error} names {@code source} and a line of {@code text} that is there, by its number. */
    static void assertNamesALineOf(InvalidConfError error, String text, String source) {
        List<String> lines = text.lines().toList();
        assertThat(error.source()).isEqualTo(source);
        assertThat(error.lineNumber()).isBetween(1, lines.size());
        assertThat(error.line()).isEqualTo(lines.get(error.lineNumber() - 1));
        assertThat(error.getMessage()).startsWith(source + " line " + error.lineNumber() + ": ");
    }
}
