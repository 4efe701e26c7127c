package org.twisted4j.words.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes JID preparation ({@link Jid#parse}, and through it {@link Precis}). Invariants: only
 * {@link InvalidJidException} escapes; each prepared part is 1 to 1023 bytes; preparation is idempotent (the
 * written JID parses back to an equal JID with the same text); and the two PRECIS profiles, given any text,
 * either refuse it with {@link IllegalArgumentException} or give a string they prepare to itself.
 */
class JidFuzzTest {

    @FuzzTest
    void jidsPrepareIdempotently(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        profileIsIdempotent(text, true);
        profileIsIdempotent(text, false);
        Jid jid;
        try {
            jid = Jid.parse(text);
        } catch (InvalidJidException e) {
            assertThat(e.getMessage()).isNotEmpty();
            return;
        }
        for (String part : new String[] {jid.user(), jid.host(), jid.resource()}) {
            if (part != null) {
                assertThat(part.getBytes(StandardCharsets.UTF_8).length).isBetween(1, 1023);
            }
        }
        Jid again = Jid.parse(jid.full());
        assertThat(again).isEqualTo(jid);
        assertThat(again.full()).isEqualTo(jid.full());
    }

    private static void profileIsIdempotent(String text, boolean username) {
        String prepared;
        try {
            prepared = username ? Precis.usernameCaseMapped(text) : Precis.opaqueString(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertThat(username ? Precis.usernameCaseMapped(prepared) : Precis.opaqueString(prepared)).isEqualTo(prepared);
    }
}
