package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.twisted4j.application.UsageError;

/**
 * Fuzzes {@code --auth} strings. Asserted: only {@link UsageError} escapes {@link AuthOptions#checker}, and its
 * message quotes the option; an error about a {@code memory:} string never shows a password that is not also a
 * user name; a {@code memory:} string that is accepted logs each of its users in with their password.
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
                String[] parts = description.substring(7).split(":", -1);
                java.util.Set<String> names = new java.util.HashSet<>();
                for (int i = 0; i < parts.length; i += 2) {
                    names.add(parts[i]);
                }
                for (int i = 1; i < parts.length; i += 2) {
                    String password = parts[i];
                    if (password.length() >= 6 && names.stream().noneMatch(n -> n.contains(password))
                            && !"name:password".contains(password)) {
                        assertThat(e.getMessage()).as("password %d", i).doesNotContain(password);
                    }
                }
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
}
