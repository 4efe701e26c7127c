package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FtpCommandTest {

    private static FtpCommand parse(String line) throws FtpSyntaxException {
        return FtpCommand.parse(line.getBytes(UTF_8));
    }

    @Test
    void verbIsUpperCasedAndArgumentKeptVerbatim() throws Exception {
        assertThat(parse("retr  two spaces.txt\r\n")).isEqualTo(new FtpCommand("RETR", " two spaces.txt"));
        assertThat(parse("NOOP")).isEqualTo(FtpCommand.of("NOOP"));
        assertThat(parse("CWD ünï\n")).isEqualTo(new FtpCommand("CWD", "ünï"));
    }

    @Test
    void encodeThenParseGivesTheCommandBack() throws Exception {
        FtpCommand command = new FtpCommand("STOR", "a b/c");
        assertThat(new String(command.encode(), UTF_8)).isEqualTo("STOR a b/c\r\n");
        assertThat(FtpCommand.parse(command.encode())).isEqualTo(command);
    }

    @Test
    void tenThousandCharacterCommandIs500() {
        assertThatThrownBy(() -> parse("RETR " + "a".repeat(10_000)))
                .isInstanceOfSatisfying(FtpSyntaxException.class, e -> assertThat(e.replyCode()).isEqualTo(500));
    }

    @Test
    void badVerbsAre500AndNonUtf8ArgumentsAre501() {
        for (String bad : new String[] {"", "\r\n", " NOOP", "RE1R x", "TOOLONGVERB", "CWD a\0b"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOfSatisfying(FtpSyntaxException.class,
                    e -> assertThat(e.replyCode()).isEqualTo(500));
        }
        assertThatThrownBy(() -> FtpCommand.parse(new byte[] {'C', 'W', 'D', ' ', (byte) 0xff}))
                .isInstanceOfSatisfying(FtpSyntaxException.class, e -> assertThat(e.replyCode()).isEqualTo(501));
    }

    @Test
    void passwordIsNotShownByToString() {
        assertThat(new FtpCommand("PASS", "secret")).hasToString("PASS ****");
    }
}
