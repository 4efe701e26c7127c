package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes the permessage-deflate negotiation (RFC 7692 §7.1): arbitrary {@code Sec-WebSocket-Extensions} lines,
 * parsed by {@link HeaderTokens#extensions}, taken as a client's offers by a server (that wants no context takeover
 * or not) and as a server's answer by a client (that offered no context takeover or not). Asserted:
 * <ul>
 *   <li>parsing yields extensions with lower-case token names and parameters, or IllegalArgumentException; the
 *       extensions written back as a header value parse back the same;
 *   <li>the server accepts the first offer, in the client's order, that it can accept alone, and only as that offer
 *       allows: client_no_context_takeover only if offered, server_no_context_takeover if offered or wanted,
 *       server_max_window_bits=15 only if offered; its answer, checked by a client that made that offer, gives the
 *       same agreement;
 *   <li>the client's check gives null for no extension, an agreement saying what the answer's parameters say (and
 *       server_no_context_takeover when it asked for it), or IllegalArgumentException, nothing else.
 * </ul>
 */
class PerMessageDeflateFuzzTest {
    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final String CLIENT_NO_CONTEXT = "client_no_context_takeover";

    @FuzzTest
    void negotiationGivesOnlyDocumentedOutcomes(FuzzedDataProvider data) {
        boolean serverWantsNoContext = data.consumeBoolean();
        boolean clientAskedNoContext = data.consumeBoolean();
        String text = new String(data.consumeRemainingAsBytes(), ISO_8859_1);
        List<String> lines = List.of(text.split("\n", -1));

        List<HeaderTokens.Extension> extensions;
        try {
            extensions = HeaderTokens.extensions(lines);
        } catch (IllegalArgumentException malformed) {
            return;
        }
        for (HeaderTokens.Extension extension : extensions) {
            assertLowerCaseToken(extension.name());
            extension.parameters().keySet().forEach(PerMessageDeflateFuzzTest::assertLowerCaseToken);
        }
        assertThat(HeaderTokens.extensions(List.of(write(extensions)))).isEqualTo(extensions);
        assertServerAcceptsAsOffered(extensions, serverWantsNoContext);
        assertClientChecks(extensions, String.join(", ", lines), clientAskedNoContext);
    }

    private static void assertServerAcceptsAsOffered(List<HeaderTokens.Extension> offers, boolean wantsNoContext) {
        PerMessageDeflate.Agreement agreement = PerMessageDeflate.accept(offers, wantsNoContext);
        for (HeaderTokens.Extension offer : offers) {
            PerMessageDeflate.Agreement alone = PerMessageDeflate.accept(List.of(offer), wantsNoContext);
            if (alone == null) {
                continue;
            }
            assertThat(agreement).isEqualTo(alone);
            Map<String, @Nullable String> asked = offer.parameters();
            assertThat(alone.serverNoContextTakeover()).isEqualTo(asked.containsKey(SERVER_NO_CONTEXT) || wantsNoContext);
            assertThat(alone.clientNoContextTakeover()).isEqualTo(asked.containsKey(CLIENT_NO_CONTEXT));
            List<HeaderTokens.Extension> answer = HeaderTokens.extensions(List.of(alone.header()));
            assertThat(answer).hasSize(1);
            assertThat(asked.keySet()).containsAll(answer.getFirst().parameters().keySet().stream()
                    .filter(name -> !name.equals(SERVER_NO_CONTEXT) || !wantsNoContext).toList());
            PerMessageDeflate.Agreement checked = PerMessageDeflate.check(answer, alone.header(),
                    asked.containsKey(SERVER_NO_CONTEXT));
            assertThat(checked).isEqualTo(alone);
            return;
        }
        assertThat(agreement).isNull();
    }

    private static void assertClientChecks(List<HeaderTokens.Extension> answer, String header, boolean askedNoContext) {
        PerMessageDeflate.Agreement agreement;
        try {
            agreement = PerMessageDeflate.check(answer, header, askedNoContext);
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (agreement == null) {
            assertThat(answer).isEmpty();
            return;
        }
        assertThat(answer).hasSize(1);
        Map<String, @Nullable String> parameters = answer.getFirst().parameters();
        assertThat(agreement.serverNoContextTakeover()).isEqualTo(parameters.containsKey(SERVER_NO_CONTEXT));
        assertThat(agreement.clientNoContextTakeover()).isEqualTo(parameters.containsKey(CLIENT_NO_CONTEXT));
        if (askedNoContext) {
            assertThat(agreement.serverNoContextTakeover()).isTrue();
        }
    }

    private static void assertLowerCaseToken(String name) {
        assertThat(HeaderTokens.isToken(name)).as("token %s", name).isTrue();
        assertThat(name).isEqualTo(name.toLowerCase(Locale.ROOT));
    }

    /** Writes extensions as one header value, quoting the parameter values that are not tokens. */
    private static String write(List<HeaderTokens.Extension> extensions) {
        StringBuilder out = new StringBuilder();
        for (HeaderTokens.Extension extension : extensions) {
            out.append(out.isEmpty() ? "" : ", ").append(extension.name());
            for (Map.Entry<String, @Nullable String> parameter : extension.parameters().entrySet()) {
                out.append("; ").append(parameter.getKey());
                String value = parameter.getValue();
                if (value != null) {
                    out.append('=').append(HeaderTokens.isToken(value) ? value
                            : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
                }
            }
        }
        return out.toString();
    }
}
