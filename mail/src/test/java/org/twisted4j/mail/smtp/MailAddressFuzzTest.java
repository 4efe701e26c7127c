package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the path parser, {@link MailAddress#parsePath}.
 *
 * <p>Invariants: only {@link SmtpSyntaxException} escapes, with a 553 code; an address parsed without SMTPUTF8
 * is ASCII; the parts of an address are within the RFC 5321 limits; writing an address back as a path and
 * parsing that gives the same address.
 */
class MailAddressFuzzTest {

    @FuzzTest
    void pathsParseWithinTheLimitsAndWriteBack(FuzzedDataProvider data) {
        boolean utf8 = data.consumeBoolean();
        String text = new String(data.consumeRemainingAsBytes(), UTF_8);
        MailAddress address;
        try {
            address = MailAddress.parsePath(text, utf8);
        } catch (SmtpSyntaxException e) {
            assertThat(e.code()).isEqualTo(553);
            return;
        }
        if (!utf8) {
            assertThat(address.isInternationalized()).isFalse();
        }
        assertThat(address.localPart().getBytes(UTF_8).length).isLessThanOrEqualTo(MailAddress.MAX_LOCAL_PART);
        assertThat(address.domain().getBytes(UTF_8).length).isLessThanOrEqualTo(MailAddress.MAX_DOMAIN);
        assertThat(MailAddress.parsePath(address.path(), utf8)).isEqualTo(address);
    }
}
