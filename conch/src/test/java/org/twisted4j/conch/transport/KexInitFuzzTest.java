package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;

/**
 * Fuzzes the key exchange messages' parsers: KEXINIT and the moduli file of the group exchange.
 *
 * <p>Invariants: a KEXINIT either parses or is a {@code PROTOCOL_ERROR}, and one that parses writes back to a
 * payload that parses to the same lists; a moduli file either reads or is an {@link IllegalArgumentException},
 * and every group read is a prime size within the accepted range.
 */
class KexInitFuzzTest {

    @FuzzTest
    void kexInitParsesOrIsAProtocolErrorAndWritesBack(FuzzedDataProvider data) {
        byte[] payload = data.consumeRemainingAsBytes();
        KexInit parsed;
        try {
            parsed = KexInit.parse(payload);
        } catch (SshProtocolException e) {
            assertThat(e.reason()).isEqualTo(DisconnectReason.PROTOCOL_ERROR);
            return;
        }
        KexInit again;
        try {
            again = KexInit.parse(parsed.toPayload());
        } catch (SshProtocolException e) {
            throw new AssertionError("a parsed KEXINIT did not write back", e);
        }
        assertThat(again.kex()).isEqualTo(parsed.kex());
        assertThat(again.hostKey()).isEqualTo(parsed.hostKey());
        assertThat(again.ciphersClientToServer()).isEqualTo(parsed.ciphersClientToServer());
        assertThat(again.macsServerToClient()).isEqualTo(parsed.macsServerToClient());
        assertThat(again.languagesServerToClient()).isEqualTo(parsed.languagesServerToClient());
        assertThat(again.firstKexPacketFollows()).isEqualTo(parsed.firstKexPacketFollows());
        assertThat(again.cookie()).isEqualTo(parsed.cookie());
    }

    @FuzzTest
    void moduliFilesReadOrNameTheirBadLine(FuzzedDataProvider data) throws IOException {
        String text = data.consumeRemainingAsString();
        Moduli moduli;
        try {
            moduli = Moduli.parse(new StringReader(text));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("moduli line ");
            return;
        }
        Moduli.Group group = moduli.choose(0, 0, Integer.MAX_VALUE);
        if (group != null) {
            assertThat(group.bits()).isBetween(Moduli.MIN_BITS, Moduli.MAX_BITS);
        }
    }
}
