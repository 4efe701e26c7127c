package org.twisted4j.web.http2;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.web.http2.HpackExamplesTest.hex;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HpackHuffmanTest {

    static byte[] encode(byte[] data) {
        HpackOutput out = new HpackOutput();
        HpackHuffman.encode(data, out);
        return out.toByteArray();
    }

    @Test
    void codeTableIsTheCanonicalCompletePrefixCodeOfAppendixB() {
        // Kraft's sum is exactly one (complete), and ordering symbols by (length, symbol) gives consecutive
        // codes (canonical), which is how Appendix B was built; a mistyped row breaks one of the two.
        BigInteger kraft = BigInteger.ZERO;
        for (int s = 0; s <= HpackHuffman.EOS; s++) {
            kraft = kraft.add(BigInteger.ONE.shiftLeft(30 - HpackHuffman.length(s)));
        }
        assertThat(kraft).isEqualTo(BigInteger.ONE.shiftLeft(30));
        long expected = 0;
        int previousLength = 0;
        for (int length = 5; length <= 30; length++) {
            for (int s = 0; s <= HpackHuffman.EOS; s++) {
                if (HpackHuffman.length(s) == length) {
                    expected <<= length - previousLength;
                    previousLength = length;
                    assertThat(HpackHuffman.code(s)).as("code of %d", s).isEqualTo(expected);
                    expected++;
                }
            }
        }
        assertThat(HpackHuffman.code(HpackHuffman.EOS)).isEqualTo(0x3fffffff);
        assertThat(HpackHuffman.code('a')).isEqualTo(0x3);
        assertThat(HpackHuffman.length('a')).isEqualTo(5);
    }

    @Test
    void everyOctetRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] coded = encode(all);
        assertThat(coded).hasSize(HpackHuffman.encodedLength(all));
        assertThat(HpackHuffman.decode(coded, 0, coded.length)).isEqualTo(all);
    }

    @Test
    void encodesTheExampleStrings() {
        assertThat(encode("www.example.com".getBytes(ISO_8859_1))).isEqualTo(hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff"));
        assertThat(encode("no-cache".getBytes(ISO_8859_1))).isEqualTo(hex("a8eb 1064 9cbf"));
        assertThat(encode(new byte[0])).isEmpty();
    }

    @Test
    void eosSymbolInTheStringIsACompressionError() {
        // Thirty one-bits are EOS, then two more one-bits of padding.
        byte[] eos = hex("ffff ffff");
        assertThatThrownBy(() -> HpackHuffman.decode(eos, 0, eos.length))
                .isInstanceOfSatisfying(Http2Exception.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR));
    }

    @Test
    void paddingLongerThanSevenBitsIsACompressionError() {
        // 'a' (00011) then eleven one-bits of padding.
        byte[] coded = hex("1fff");
        assertThatThrownBy(() -> HpackHuffman.decode(coded, 0, coded.length))
                .hasMessageContaining("more than 7 bits");
    }

    @Test
    void paddingOfZerosIsACompressionError() {
        // 'a' (00011) then three zero-bits.
        byte[] coded = hex("18");
        assertThatThrownBy(() -> HpackHuffman.decode(coded, 0, coded.length))
                .hasMessageContaining("padded");
    }
}
