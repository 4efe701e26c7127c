package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScramTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void rfc5802Sha1Exchange() throws Exception {
        Scram scram = Scram.sha1("user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        assertThat(s(scram.initialResponse())).isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        byte[] reply = scram.respond(b("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        assertThat(s(reply)).isEqualTo(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        scram.success(b("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
    }

    @Test
    void rfc7677Sha256Exchange() throws Exception {
        Scram scram = Scram.sha256("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(s(scram.initialResponse())).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        byte[] reply = scram.respond(b("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertThat(s(reply)).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        scram.success(b("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void aWrongServerSignatureFails() throws Exception {
        Scram scram = Scram.sha1("user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
        scram.initialResponse();
        scram.respond(b("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        assertThatThrownBy(() -> scram.success(b("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                .isInstanceOf(SaslException.class).hasMessageContaining("signature");
    }

    @Test
    void aServerNonceNotExtendingOursOrAHugeIterationCountIsRefused() {
        Scram scram = Scram.sha1("user", "pencil", "abc");
        scram.initialResponse();
        assertThatThrownBy(() -> scram.respond(b("r=xyz123,s=QSXCR+Q6sek8bf92,i=4096")))
                .isInstanceOf(SaslException.class);
        Scram greedy = Scram.sha256("user", "pencil", "abc");
        greedy.initialResponse();
        assertThatThrownBy(() -> greedy.respond(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=999999999")))
                .hasMessageContaining("iteration");
    }

    @Test
    void userNamesEscapeCommasAndEquals() {
        assertThat(s(Scram.sha1("a,b=c", "p", "n").initialResponse())).isEqualTo("n,,n=a=2Cb=3Dc,r=n");
    }
}
