package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import org.twisted4j.web.Splits;

/**
 * Fuzzes the HPACK decoder with a sequence of header blocks cut from arbitrary octets, under a table size limit,
 * a header list size and a string length from the fuzz data, the table size limit changing between blocks as a
 * new SETTINGS_HEADER_TABLE_SIZE would. Asserted:
 * <ul>
 *   <li>only {@link Http2Exception} COMPRESSION_ERROR, a connection error, escapes (and ends the sequence, as it
 *       ends the connection);
 *   <li>the dynamic table never holds more than its maximum size, which is never above the limit we allow;
 *   <li>whatever lengths and integers a block claims, a decoded header list is never larger than the header list
 *       size, and no string literal longer than the string length on the wire is decoded (so none longer than 8/5
 *       of it once Huffman-decoded, 5 bits being the shortest code);
 *   <li>each decoded list, encoded again by an {@link HpackEncoder} (its table cap and Huffman coding from the
 *       fuzz data, told of the same table size changes) and decoded by a second decoder, comes back with the same
 *       names and values and no sensitivity lost, block after block, and the encoder's dynamic table stays the
 *       newest part of that decoder's table;
 *   <li>the whole input read as one Huffman-coded string is either a COMPRESSION_ERROR or decodes to octets whose
 *       coding is exactly the input: with the padding rules of RFC 7541 §5.2 a string has one coding only.
 * </ul>
 */
class HpackDecoderFuzzTest {
    private static final int LONGEST_STATIC_NAME;
    private static final int LONGEST_STATIC_VALUE;

    static {
        int name = 0;
        int value = 0;
        for (int i = 1; i <= HpackStaticTable.LENGTH; i++) {
            name = Math.max(name, HpackStaticTable.get(i).name().length());
            value = Math.max(value, HpackStaticTable.get(i).value().length());
        }
        LONGEST_STATIC_NAME = name;
        LONGEST_STATIC_VALUE = value;
    }

    @FuzzTest
    void blocksDecodeWithinLimitsAndEncodeBack(FuzzedDataProvider data) {
        int tableLimit = data.consumeInt(0, 8192);
        int maxListSize = data.consumeInt(0, 8192);
        int maxString = data.consumeInt(0, 4096);
        RoundTrip roundTrip = new RoundTrip(data.consumeInt(0, 8192), data.consumeBoolean());
        int[] changeBefore = new int[data.consumeInt(0, 4)];
        int[] changeTo = new int[changeBefore.length];
        for (int i = 0; i < changeBefore.length; i++) {
            changeBefore[i] = data.consumeInt(0, 15);
            changeTo[i] = data.consumeInt(0, 8192);
        }
        Splits blocks = Splits.consume(data::consumeInt);
        byte[] input = data.consumeRemainingAsBytes();

        assertHuffmanCodingIsCanonical(input);
        HpackDecoder decoder = new HpackDecoder(tableLimit, maxListSize, maxString);
        int limit = tableLimit;
        List<ByteBuffer> pieces = blocks.of(input);
        for (int i = 0; i < pieces.size(); i++) {
            for (int c = 0; c < changeBefore.length; c++) {
                if (changeBefore[c] == i) {
                    limit = changeTo[c];
                    decoder.setMaxTableSizeLimit(limit);
                    roundTrip.tableSizeLimit(limit);
                }
            }
            ByteBuffer block = pieces.get(i);
            HpackDecoder.Block decoded;
            try {
                decoded = decoder.decode(input, block.position(), block.remaining());
            } catch (Http2Exception e) {
                assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
                assertThat(e.isConnectionError()).isTrue();
                assertTableWithin(decoder.table(), limit);
                return;
            }
            assertTableWithin(decoder.table(), limit);
            assertWithinLimits(decoded, maxListSize, maxString);
            roundTrip.check(decoded.fields());
        }
    }

    private static void assertTableWithin(HpackDynamicTable table, int limit) {
        assertThat(table.maxSize()).isLessThanOrEqualTo(limit);
        assertThat(table.size()).isLessThanOrEqualTo(table.maxSize());
        long sum = 0;
        for (int i = 0; i < table.length(); i++) {
            sum += table.get(i).size();
        }
        assertThat(sum).isEqualTo(table.size());
    }

    private static void assertWithinLimits(HpackDecoder.Block decoded, int maxListSize, int maxString) {
        long listSize = 0;
        for (HeaderField field : decoded.fields()) {
            listSize += field.size();
            int longest = maxString * 8 / 5;
            assertThat(field.name().length()).isLessThanOrEqualTo(Math.max(longest, LONGEST_STATIC_NAME));
            assertThat(field.value().length()).isLessThanOrEqualTo(Math.max(longest, LONGEST_STATIC_VALUE));
        }
        assertThat(listSize).isLessThanOrEqualTo(maxListSize);
    }

    private static void assertHuffmanCodingIsCanonical(byte[] input) {
        byte[] decoded;
        try {
            decoded = HpackHuffman.decode(input, 0, input.length);
        } catch (Http2Exception e) {
            assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
            return;
        }
        assertThat(HpackHuffman.encodedLength(decoded)).isEqualTo(input.length);
        HpackOutput coded = new HpackOutput();
        HpackHuffman.encode(decoded, coded);
        assertThat(coded.toByteArray()).isEqualTo(input);
    }

    /** An encoder and the decoder facing it, kept in step across blocks as the two ends of a connection are. */
    private static final class RoundTrip {
        private final HpackEncoder encoder;
        private final HpackDecoder decoder = new HpackDecoder(4096, Integer.MAX_VALUE, Integer.MAX_VALUE);

        RoundTrip(int encoderCap, boolean huffman) {
            encoder = new HpackEncoder(encoderCap, huffman);
        }

        /** The decoder's end announces a new table size limit, which the encoder's end applies. */
        void tableSizeLimit(int limit) {
            decoder.setMaxTableSizeLimit(limit);
            encoder.setPeerMaxTableSize(limit);
        }

        void check(List<HeaderField> fields) {
            byte[] block = encoder.encode(fields);
            HpackDecoder.Block decoded = decoder.decode(block, 0, block.length);
            assertThat(decoded.tooLarge()).isFalse();
            List<HeaderField> back = decoded.fields();
            assertThat(back).hasSameSizeAs(fields);
            for (int i = 0; i < fields.size(); i++) {
                assertThat(back.get(i).name()).isEqualTo(fields.get(i).name());
                assertThat(back.get(i).value()).isEqualTo(fields.get(i).value());
                if (fields.get(i).sensitive()) {
                    assertThat(back.get(i).sensitive()).isTrue();
                }
            }
            HpackDynamicTable ours = encoder.table();
            HpackDynamicTable theirs = decoder.table();
            assertThat(ours.length()).isLessThanOrEqualTo(theirs.length());
            for (int i = 0; i < ours.length(); i++) {
                assertThat(ours.get(i)).isEqualTo(theirs.get(i));
            }
            assertThat(theirs.size()).isLessThanOrEqualTo(theirs.maxSize());
        }
    }
}
