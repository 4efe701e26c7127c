package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the {@code passwd(5)} line reader with arbitrary text.
 *
 * <p>Invariants: nothing escapes (a bad line is no account); an account has ids of zero or more and an absolute
 * home directory; the account written back as a line reads as the same account.
 */
class UnixAccountFuzzTest {

    @FuzzTest
    void anyLineIsAnAccountThatReadsBackOrNone(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        UnixAccount account = UnixAccount.parse(line);
        if (account == null) {
            return;
        }
        assertThat(account.uid()).isNotNegative();
        assertThat(account.gid()).isNotNegative();
        assertThat(account.home().isAbsolute()).isTrue();
        String written = account.name() + ":x:" + account.uid() + ":" + account.gid() + "::" + account.home() + ":"
                + account.shell();
        assertThat(UnixAccount.parse(written)).isEqualTo(account);
    }
}
