package org.twisted4j.names.authority;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.names.ResourceRecord;

/**
 * Fuzzes the zone-file reader with whole files of text: directives, {@code $GENERATE} templates, parentheses,
 * quotes, escapes and every type's presentation form.
 *
 * <p>Invariants: only {@link ZoneFileError} escapes, with a line inside the text; what is read stays within the
 * record limit, every owner is an absolute name within the RFC 1035 lengths, every TTL within 2^31 - 1 and every
 * record's data within 65535 bytes; the records the codec accepts, printed in presentation form, read back the
 * same.
 */
class ZoneFileParserFuzzTest {

    private static final int MAX_RECORDS = 300;

    @FuzzTest
    void zoneFilesReadWithinLimitsOrFailWithZoneFileError(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        List<RawRecord> records;
        try {
            records = new ZoneFileParser().setMaxRecords(MAX_RECORDS).parseRecords(text, "fuzz.zone", "example.com.");
        } catch (ZoneFileError e) {
            assertThat(e.source()).isEqualTo("fuzz.zone");
            assertThat(e.line()).isBetween(0, (int) lines);
            return;
        }
        assertThat(records).hasSizeLessThanOrEqualTo(MAX_RECORDS);
        for (RawRecord record : records) {
            assertThat(TextNames.endsWithDot(record.owner())).isTrue();
            int wire = 1;
            for (byte[] label : TextNames.labels(record.owner())) {
                assertThat(label.length).isBetween(1, TextNames.MAX_LABEL);
                wire += label.length + 1;
            }
            assertThat(wire).isLessThanOrEqualTo(TextNames.MAX_NAME);
            assertThat(record.ttl()).isBetween(0L, ZoneFileParser.MAX_TTL);
            assertThat(record.rdata().length).isLessThanOrEqualTo(RdataText.MAX_RDATA);
            assertThat(record.line()).isBetween(1, (int) lines);
        }
        List<ResourceRecord> typed = new ArrayList<>();
        for (RawRecord record : records) {
            try {
                typed.add(ZoneFileParser.record(record));
            } catch (ZoneFileError e) {
                assertThat(e.line()).isEqualTo(record.line());
            }
        }
        StringBuilder printed = new StringBuilder();
        for (ResourceRecord record : typed) {
            printed.append(record.toText()).append('\n');
        }
        assertThat(new ZoneFileParser().parse(printed.toString(), "printed.zone", ".")).as(printed.toString())
                .isEqualTo(typed);
    }
}
