package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the hosts(5) reader of {@link HostsResolver} with whole files of text.
 *
 * <p>Invariants: never throws; no more names than the text has fields; every name has at least one address, each
 * an A or AAAA record, none twice; written back as {@code address name} lines, the entries read the same.
 */
class HostsResolverFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void hostsTextParsesIntoAddressesOfItsNames(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        Map<Name, List<RecordData>> parsed = HostsResolver.parse(text);
        assertThat(parsed.size()).isLessThanOrEqualTo(text.split("\\s+").length);
        StringBuilder written = new StringBuilder();
        for (Map.Entry<Name, List<RecordData>> entry : parsed.entrySet()) {
            assertThat(entry.getValue()).isNotEmpty().doesNotHaveDuplicates()
                    .allMatch(data -> data instanceof ARecord || data instanceof AaaaRecord);
            for (RecordData address : entry.getValue()) {
                written.append(address.toText()).append(' ').append(entry.getKey()).append('\n');
            }
        }
        assertThat(HostsResolver.parse(written.toString())).as(written.toString()).isEqualTo(parsed);
    }
}
