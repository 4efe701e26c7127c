package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.twisted4j.application.UsageError;

/**
 * Fuzzes {@code --auth} strings. Asserted: only {@link UsageError} escapes {@link AuthOptions#checker}, and its
 * message quotes the option; an error about a {@code memory:} string never shows its passwords (checked by
 * putting markers in the passwords' places, since a password may equal any text of the message); a {@code memory:} string that is accepted logs each of its users in with their password.
 */
class StrCredFuzzTest {

    private static final AuthOptions AUTH = new AuthOptions();

    @FuzzTest
    void authStringsMakeCheckersOrNameTheBadPart(FuzzedDataProvider data) {
        String description = data.consumeRemainingAsString();
        CredentialsChecker checker;
        try {
            checker = AUTH.checker(description);
        } catch (UsageError e) {
            assertThat(e.getMessage()).startsWith("--auth ");
            if (description.startsWith("memory:")) {
                assertPasswordsHidden(description.substring(7).split(":", -1));
            }
            return;
        }
        assertThat(checker).isNotNull();
        if (description.startsWith("memory:")) {
            String[] parts = description.substring(7).split(":", -1);
            java.util.Map<String, String> last = new java.util.HashMap<>();
            for (int i = 0; i < parts.length; i += 2) {
                last.put(parts[i], parts[i + 1]);
            }
            last.forEach((user, password) -> Results.result(
                    checker.requestAvatarId(UsernamePassword.of(user, password))));
        }
    }

    /** The same list with markers for passwords fails with a message that shows none of them. */
    private static void assertPasswordsHidden(String[] parts) {
        for (int i = 0; i < parts.length; i += 2) {
            if (parts[i].contains("\u0000PW")) {
                return;
            }
        }
        StringBuilder marked = new StringBuilder("memory");
        for (int i = 0; i < parts.length; i++) {
            marked.append(':').append(i % 2 == 0 ? parts[i] : "\u0000PW" + i);
        }
        try {
            AUTH.checker(marked.toString());
        } catch (UsageError e) {
            assertThat(e.getMessage()).doesNotContain("\u0000PW");
            return;
        }
        throw new AssertionError("the list with marked passwords was accepted: " + marked);
    }
}
