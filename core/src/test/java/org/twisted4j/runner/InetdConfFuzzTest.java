package org.twisted4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes {@link InetdConf#parse(String, KnownServices)} with the built-in services table. Whatever the text:
 * <ul>
 *   <li>the only error is an {@link InvalidConfError} naming {@code inetd.conf} and one of the text's lines
 *       by its number, as documented;</li>
 *   <li>there is one entry per line that is neither blank nor a comment, and each is well formed: a known
 *       socket type, a port from 0 to 65535 that the table or the service's number gives (0 for
 *       {@code rpc/...}), a user and a group (if any) that are not empty and hold no separator, and fields
 *       without blanks or {@code #};</li>
 *   <li>the entries, written back as lines, parse to the same entries.</li>
 * </ul>
 */
class InetdConfFuzzTest {

    private static final KnownServices SERVICES = KnownServices.builtIn();
    private static final Set<String> SOCKET_TYPES = Set.of("stream", "dgram", "raw", "rdm", "seqpacket");

    @FuzzTest
    void linesParseToWellFormedEntriesThatWriteBack(FuzzedDataProvider data) throws IOException {
        String text = data.consumeRemainingAsString();
        List<InetdEntry> entries;
        try {
            entries = InetdConf.parse(text, SERVICES);
        } catch (InvalidConfError e) {
            ConfErrors.assertNamesALineOf(e, text, "inetd.conf");
            return;
        }
        assertThat(entries).hasSize(ConfLines.read(new StringReader(text)).size());
        entries.forEach(InetdConfFuzzTest::checkWellFormed);
        assertThat(InetdConf.parse(written(entries), SERVICES)).isEqualTo(entries);
    }

    private static void checkWellFormed(InetdEntry entry) {
        assertThat(SOCKET_TYPES).contains(entry.socketType());
        if (entry.protocol().startsWith("rpc/")) {
            assertThat(entry.port()).isZero();
        } else {
            String family = entry.protocol().startsWith("tcp") ? "tcp"
                    : entry.protocol().startsWith("udp") ? "udp" : entry.protocol();
            assertThat(entry.port()).isEqualTo(SERVICES.port(entry.name(), family)
                    .orElseGet(() -> Integer.parseInt(entry.name())));
        }
        assertThat(entry.user()).isNotEmpty().doesNotContain(":");
        if (entry.group() != null) {
            assertThat(entry.group()).isNotEmpty();
        }
        List<String> fields = new ArrayList<>(List.of(entry.name(), entry.protocol(), entry.user(), entry.program()));
        fields.addAll(entry.programArgs());
        for (String field : fields) {
            assertThat(field).isNotEmpty().doesNotContainPattern("[\\s#]");
        }
    }

    /** Writes entries back as {@code inetd.conf} lines, the group after a colon. */
    private static String written(List<InetdEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (InetdEntry entry : entries) {
            text.append(String.join(" ", entry.name(), entry.socketType(), entry.protocol(),
                    entry.waits() ? "wait" : "nowait",
                    entry.group() == null ? entry.user() : entry.user() + ":" + entry.group(), entry.program()));
            entry.programArgs().forEach(argument -> text.append(' ').append(argument));
            text.append('\n');
        }
        return text.toString();
    }
}
