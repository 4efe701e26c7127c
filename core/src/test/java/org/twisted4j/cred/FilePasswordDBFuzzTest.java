package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the password-file line parser with a delimiter and field indices from the input and an arbitrary line.
 * Asserted: nothing escapes; a line is skipped exactly when it has too few fields; the user name and password are
 * fields of the line free of the delimiter; for {@code user:password} lines, writing the entry back as
 * {@code user:password} parses to the same entry.
 */
class FilePasswordDBFuzzTest {

    @FuzzTest
    void passwordLinesParseIntoFieldsOrAreSkipped(FuzzedDataProvider data) {
        int usernameField = data.consumeInt(0, 4);
        int passwordField = data.consumeInt(0, 4);
        String delimiter = data.consumeBoolean() ? ":" : data.consumeString(3);
        if (delimiter.isEmpty()) {
            delimiter = ":";
        }
        String line = data.consumeRemainingAsString();
        FilePasswordDB.Entry entry = FilePasswordDB.parseLine(line, delimiter, usernameField, passwordField);
        String[] fields = line.stripTrailing().split(java.util.regex.Pattern.quote(delimiter), -1);
        if (entry == null) {
            assertThat(fields.length).isLessThanOrEqualTo(Math.max(usernameField, passwordField));
            return;
        }
        assertThat(entry.username()).isEqualTo(fields[usernameField]).doesNotContain(delimiter);
        assertThat(entry.password()).isEqualTo(fields[passwordField]).doesNotContain(delimiter);
        if (delimiter.equals(":") && usernameField == 0 && passwordField == 1) {
            assertThat(line.stripTrailing()).startsWith(entry.username() + ":" + entry.password());
            String written = entry.username() + ":" + entry.password();
            if (written.stripTrailing().equals(written)) {
                assertThat(FilePasswordDB.parseLine(written, ":", 0, 1)).isEqualTo(entry);
            }
        }
    }
}
