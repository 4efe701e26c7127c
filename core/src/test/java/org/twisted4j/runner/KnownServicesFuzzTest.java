package org.twisted4j.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link KnownServices#parse} with {@code /etc/services} text. Whatever the text:
 * <ul>
 *   <li>the only error is an {@link InvalidConfError} naming the source and one of the text's lines by its
 *       number, as documented;</li>
 *   <li>every name and alias of every line finds, for the line's protocol, a port from 0 to 65535: the one of
 *       the first line that gave that name for that protocol.</li>
 * </ul>
 */
class KnownServicesFuzzTest {

    @FuzzTest
    void everyNameFindsThePortOfItsFirstLine(FuzzedDataProvider data) throws IOException {
        String text = data.consumeRemainingAsString();
        KnownServices table;
        try {
            table = KnownServices.parse(new StringReader(text), "services");
        } catch (InvalidConfError e) {
            ConfErrors.assertNamesALineOf(e, text, "services");
            return;
        }
        Map<List<String>, Integer> first = new HashMap<>();
        for (ConfLines.Line line : ConfLines.read(new StringReader(text))) {
            String[] portAndProtocol = line.fields().get(1).split("/", 2);
            int port = Integer.parseInt(portAndProtocol[0]);
            assertThat(port).isBetween(0, 65_535);
            for (int i = 0; i < line.fields().size(); i++) {
                if (i != 1) {
                    first.putIfAbsent(List.of(line.fields().get(i), portAndProtocol[1]), port);
                }
            }
        }
        first.forEach((key, port) -> assertThat(table.port(key.get(0), key.get(1))).as("%s", key).hasValue(port));
    }
}
