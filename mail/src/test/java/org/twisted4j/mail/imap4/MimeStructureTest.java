package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeStructureTest {

    private static MimeStructure parse(String text) {
        return MimeStructure.parse(text.getBytes(UTF_8));
    }

    @Test
    void aPlainMessage() {
        MimeStructure m = parse("Subject: =?utf-8?q?caf=C3=A9?=\r\nFrom: a@b.test\r\n\r\nline 1\r\nline 2\r\n");
        assertThat(m.bodyStructure(true)).isEqualTo(
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 2 NIL NIL NIL NIL)");
        assertThat(m.bodyStructure(false)).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 2)");
        assertThat(m.envelope()).isEqualTo("(NIL \"=?utf-8?q?caf=C3=A9?=\" ((NIL NIL \"a\" \"b.test\")) "
                + "((NIL NIL \"a\" \"b.test\")) ((NIL NIL \"a\" \"b.test\")) NIL NIL NIL NIL NIL)");
    }

    @Test
    void aMultipartWithANestedMessage() {
        String text = "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\npreamble\r\n--XX\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nhi\r\n--XX\r\n"
                + "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"m.eml\"\r\n\r\n"
                + "Subject: inner\r\nTo: Group: x@y.test, z@y.test;\r\n\r\ninner body\r\n--XX--\r\nepilogue\r\n";
        MimeStructure m = parse(text);
        assertThat(m.bodyStructure(true)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"7bit\" 2 0 "
                + "NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 60 (NIL \"inner\" NIL NIL NIL "
                + "((NIL NIL \"Group\" NIL)(NIL NIL \"x\" \"y.test\")(NIL NIL \"z\" \"y.test\")(NIL NIL NIL NIL)) "
                + "NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL "
                + "NIL) 3 NIL (\"attachment\" (\"filename\" \"m.eml\")) NIL NIL) \"mixed\" (\"boundary\" \"XX\") NIL "
                + "NIL NIL)");
        assertThat(new String(m.part(new int[] {2, 1}).body(), UTF_8)).isEqualTo("inner body");
        assertThat(new String(m.part(new int[] {1}).body(), UTF_8)).isEqualTo("hi");
        assertThat(m.part(new int[] {3})).isNull();
    }

    @Test
    void eightBitHeadersAndMissingBlankLine() {
        MimeStructure m = parse("Subject: caf\u00e9\r\nFrom: x");
        assertThat(m.header("Subject")).isEqualTo("caf\u00e9");
        assertThat(m.body()).isEmpty();
        // 8-bit text cannot be quoted (RFC 3501 §9): a literal, as Dovecot sends it.
        assertThat(m.envelope()).isEqualTo("(NIL {5}\r\ncaf\u00e9 ((NIL NIL \"x\" NIL)) ((NIL NIL \"x\" NIL)) "
                + "((NIL NIL \"x\" NIL)) NIL NIL NIL NIL NIL)");
    }
}
