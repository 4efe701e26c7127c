package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7541 Appendix C, encoded and decoded byte for byte with the tables they describe. */
class HpackExamplesTest {

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").replace("\n", ""));
    }

    static HeaderField f(String name, String value) {
        return new HeaderField(name, value);
    }

    static List<HeaderField> decode(HpackDecoder decoder, byte[] block) {
        HpackDecoder.Block decoded = decoder.decode(block, 0, block.length);
        assertThat(decoded.tooLarge()).isFalse();
        return decoded.fields();
    }

    static void assertTable(HpackDynamicTable table, int size, HeaderField... newestFirst) {
        assertThat(table.size()).isEqualTo(size);
        assertThat(table.length()).isEqualTo(newestFirst.length);
        for (int i = 0; i < newestFirst.length; i++) {
            assertThat(table.get(i)).isEqualTo(newestFirst[i]);
        }
    }

    @Test
    void literalWithIndexingC21() {
        byte[] block = hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        HpackDecoder decoder = new HpackDecoder();
        assertThat(decode(decoder, block)).containsExactly(f("custom-key", "custom-header"));
        assertTable(decoder.table(), 55, f("custom-key", "custom-header"));
        HpackEncoder encoder = new HpackEncoder(4096, false);
        assertThat(encoder.encode(List.of(f("custom-key", "custom-header")))).isEqualTo(block);
        assertTable(encoder.table(), 55, f("custom-key", "custom-header"));
    }

    @Test
    void literalWithoutIndexingC22() {
        HpackDecoder decoder = new HpackDecoder();
        assertThat(decode(decoder, hex("040c 2f73 616d 706c 652f 7061 7468")))
                .containsExactly(f(":path", "/sample/path"));
        assertThat(decoder.table().length()).isZero();
    }

    @Test
    void literalNeverIndexedC23() {
        byte[] block = hex("1008 7061 7373 776f 7264 0673 6563 7265 74");
        HpackDecoder decoder = new HpackDecoder();
        List<HeaderField> fields = decode(decoder, block);
        assertThat(fields).containsExactly(new HeaderField("password", "secret", true));
        assertThat(decoder.table().length()).isZero();
        HpackEncoder encoder = new HpackEncoder(4096, false);
        assertThat(encoder.encode(fields)).isEqualTo(block);
        assertThat(encoder.table().length()).isZero();
    }

    @Test
    void indexedFieldC24() {
        HpackDecoder decoder = new HpackDecoder();
        assertThat(decode(decoder, hex("82"))).containsExactly(f(":method", "GET"));
        assertThat(new HpackEncoder().encode(List.of(f(":method", "GET")))).isEqualTo(hex("82"));
    }

    static final List<HeaderField> REQUEST_1 = List.of(
            f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"));
    static final List<HeaderField> REQUEST_2 = List.of(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
            f(":authority", "www.example.com"), f("cache-control", "no-cache"));
    static final List<HeaderField> REQUEST_3 = List.of(f(":method", "GET"), f(":scheme", "https"),
            f(":path", "/index.html"), f(":authority", "www.example.com"), f("custom-key", "custom-value"));

    /** Runs a sequence of blocks through one encoder and one decoder, checking bytes, fields and table sizes. */
    static void conversation(HpackEncoder encoder, HpackDecoder decoder, List<List<HeaderField>> lists,
            List<byte[]> blocks, int... tableSizes) {
        for (int i = 0; i < lists.size(); i++) {
            assertThat(encoder.encode(lists.get(i))).as("block %d", i + 1).isEqualTo(blocks.get(i));
            assertThat(decode(decoder, blocks.get(i))).as("list %d", i + 1).isEqualTo(lists.get(i));
            assertThat(encoder.table().size()).isEqualTo(tableSizes[i]);
            assertThat(decoder.table().size()).isEqualTo(tableSizes[i]);
        }
    }

    @Test
    void requestsWithoutHuffmanC3() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        HpackDecoder decoder = new HpackDecoder();
        conversation(encoder, decoder, List.of(REQUEST_1, REQUEST_2, REQUEST_3), List.of(
                hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"),
                hex("8286 84be 5808 6e6f 2d63 6163 6865"),
                hex("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")),
                57, 110, 164);
        assertTable(decoder.table(), 164, f("custom-key", "custom-value"), f("cache-control", "no-cache"),
                f(":authority", "www.example.com"));
    }

    @Test
    void requestsWithHuffmanC4() {
        HpackEncoder encoder = new HpackEncoder(4096, true);
        HpackDecoder decoder = new HpackDecoder();
        conversation(encoder, decoder, List.of(REQUEST_1, REQUEST_2, REQUEST_3), List.of(
                hex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"),
                hex("8286 84be 5886 a8eb 1064 9cbf"),
                hex("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf")),
                57, 110, 164);
        assertTable(encoder.table(), 164, f("custom-key", "custom-value"), f("cache-control", "no-cache"),
                f(":authority", "www.example.com"));
    }

    static final String DATE_1 = "Mon, 21 Oct 2013 20:13:21 GMT";
    static final String DATE_2 = "Mon, 21 Oct 2013 20:13:22 GMT";
    static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
    static final List<HeaderField> RESPONSE_1 = List.of(f(":status", "302"), f("cache-control", "private"),
            f("date", DATE_1), f("location", "https://www.example.com"));
    static final List<HeaderField> RESPONSE_2 = List.of(f(":status", "307"), f("cache-control", "private"),
            f("date", DATE_1), f("location", "https://www.example.com"));
    static final List<HeaderField> RESPONSE_3 = List.of(f(":status", "200"), f("cache-control", "private"),
            f("date", DATE_2), f("location", "https://www.example.com"), f("content-encoding", "gzip"),
            f("set-cookie", COOKIE));

    @Test
    void responsesWithoutHuffmanEvictingFromA256OctetTableC5() {
        HpackEncoder encoder = new HpackEncoder(256, false);
        HpackDecoder decoder = new HpackDecoder(256, 16384, 16384);
        conversation(encoder, decoder, List.of(RESPONSE_1, RESPONSE_2, RESPONSE_3), List.of(
                hex("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                        + "2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                        + "6c65 2e63 6f6d"),
                hex("4803 3330 37c1 c0bf"),
                hex("88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                        + "54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                        + "5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                        + "3d31")),
                222, 222, 215);
        assertTable(decoder.table(), 215, f("set-cookie", COOKIE), f("content-encoding", "gzip"),
                f("date", DATE_2));
    }

    @Test
    void responsesWithHuffmanEvictingFromA256OctetTableC6() {
        HpackEncoder encoder = new HpackEncoder(256, true);
        HpackDecoder decoder = new HpackDecoder(256, 16384, 16384);
        conversation(encoder, decoder, List.of(RESPONSE_1, RESPONSE_2, RESPONSE_3), List.of(
                hex("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                        + "2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3"),
                hex("4883 640e ffc1 c0bf"),
                hex("88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                        + "77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                        + "9587 3160 65c0 03ed 4ee5 b106 3d50 07")),
                222, 222, 215);
        assertTable(encoder.table(), 215, f("set-cookie", COOKIE), f("content-encoding", "gzip"),
                f("date", DATE_2));
    }

    @Test
    void integersEncodeAsTheC1Examples() {
        HpackOutput out = new HpackOutput();
        out.writeInteger(0, 5, 10);
        out.writeInteger(0, 5, 1337);
        out.writeInteger(0, 8, 42);
        assertThat(out.toByteArray()).isEqualTo(hex("0a 1f9a0a 2a"));
    }
}
