package org.twisted4j.conch.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.conch.keys.Key;
import org.twisted4j.conch.keys.KeyType;
import org.twisted4j.defer.Deferred;

/**
 * Fuzzes the {@code known_hosts} reader with arbitrary text, then asks it about a host named by the input.
 *
 * <p>Invariants: reading never throws (bad lines are passed over); asking about any host and key either trusts,
 * or fails with {@link HostKeyChanged}, {@link HostKeyRevoked} or {@link UserRejectedKey}, never anything else;
 * a key accepted for the host is known afterwards, unless the file revokes it.
 */
class KnownHostsFileFuzzTest {

    private static final Key KEY = Key.generate(KeyType.ED25519).toPublic();

    @FuzzTest
    void anyTextReadsAndAnswersOnlyAsDocumented(FuzzedDataProvider data) {
        String host = data.consumeString(40);
        int port = data.consumeInt(1, 65535);
        boolean accept = data.consumeBoolean();
        String text = new String(data.consumeRemainingAsBytes(), ISO_8859_1);
        KnownHostsFile known = KnownHostsFile.fromText(text);
        known.knownKeyTypes(host, port);
        List<Object> outcome = new ArrayList<>();
        KnownHostsUI ui = new KnownHostsUI() {
            @Override
            public Deferred<Boolean> prompt(String question) {
                return Deferred.succeed(accept);
            }

            @Override
            public void warn(String message) {
            }
        };
        known.verify(ui, host, port, KEY).addCallbacks(outcome::add, failure -> outcome.add(failure.value()));
        assertThat(outcome).hasSize(1);
        Object answer = outcome.get(0);
        if (answer instanceof Boolean trusted) {
            assertThat(trusted).isTrue();
            assertThat(known.hasHostKey(host, port, KEY)).isTrue();
        } else {
            assertThat(answer).isInstanceOfAny(HostKeyChanged.class, HostKeyRevoked.class, UserRejectedKey.class);
        }
    }
}
