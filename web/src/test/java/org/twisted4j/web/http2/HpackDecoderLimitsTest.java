package org.twisted4j.web.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.web.http2.HpackExamplesTest.hex;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HpackDecoderLimitsTest {

    static void assertCompressionError(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Http2Exception.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
            assertThat(e.isConnectionError()).isTrue();
        }).hasMessageContaining(message);
    }

    static HpackDecoder.Block decode(HpackDecoder decoder, byte[] block) {
        return decoder.decode(block, 0, block.length);
    }

    @Test
    void tableSizeUpdateAboveOurSettingIsACompressionError() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384, 16384);
        HpackOutput out = new HpackOutput();
        out.writeInteger(0x20, 5, 4097);
        assertCompressionError(() -> decode(decoder, out.toByteArray()), "above the allowed 4096");
    }

    @Test
    void tableSizeUpdateEvictsAndMustComeFirst() {
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertThat(decoder.table().length()).isOne();
        decode(decoder, hex("20 82"));
        assertThat(decoder.table().length()).isZero();
        assertThat(decoder.table().maxSize()).isZero();
        assertCompressionError(() -> decode(decoder, hex("82 3f e1 1f")), "after a header field");
    }

    @Test
    void lowerTableSizeLimitShrinksTheTable() {
        HpackDecoder decoder = new HpackDecoder();
        decode(decoder, hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        decoder.setMaxTableSizeLimit(40);
        assertThat(decoder.table().length()).isZero();
    }

    @Test
    void indexPastTheTablesIsACompressionError() {
        assertCompressionError(() -> decode(new HpackDecoder(), hex("be")), "past the end");
        assertCompressionError(() -> decode(new HpackDecoder(), hex("80")), "index 0");
    }

    @Test
    void integerOverflowIsACompressionError() {
        assertCompressionError(() -> decode(new HpackDecoder(), hex("ff ffffffff0f")), "2^31");
        assertCompressionError(() -> decode(new HpackDecoder(), hex("ff 8080808080 80")), "5 octets");
        assertCompressionError(() -> decode(new HpackDecoder(), hex("ff ff")), "ends inside an integer");
    }

    @Test
    void stringLongerThanTheBoundIsACompressionError() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384, 8);
        assertCompressionError(() -> decode(decoder, hex("400a 6375 7374 6f6d 2d6b 6579 00")), "longer than");
        assertCompressionError(() -> decode(new HpackDecoder(), hex("4005 6375")), "past the end");
    }

    @Test
    void headerListOverTheLimitIsFlaggedYetTheTableStaysInStep() {
        HpackDecoder decoder = new HpackDecoder(4096, 60, 16384);
        // custom-key: custom-header (55), then :method GET (42): over 60.
        HpackDecoder.Block block = decode(decoder,
                hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572 82"));
        assertThat(block.tooLarge()).isTrue();
        assertThat(block.fields()).containsExactly(new HeaderField("custom-key", "custom-header"));
        assertThat(decoder.table().length()).isOne();
        // The next block may refer to the entry added by the refused one.
        HpackDecoder.Block next = decode(decoder, hex("be"));
        assertThat(next.tooLarge()).isFalse();
        assertThat(next.fields()).containsExactly(new HeaderField("custom-key", "custom-header"));
    }

    @Test
    void encoderSignalsTheSmallestThenTheFinalTableSize() {
        HpackEncoder encoder = new HpackEncoder();
        encoder.setPeerMaxTableSize(0);
        encoder.setPeerMaxTableSize(100);
        byte[] block = encoder.encode(List.of(new HeaderField(":method", "GET")));
        assertThat(block).isEqualTo(hex("20 3f45 82"));
        HpackDecoder decoder = new HpackDecoder();
        assertThat(decode(decoder, block).fields()).containsExactly(new HeaderField(":method", "GET"));
        assertThat(decoder.table().maxSize()).isEqualTo(100);
        assertThat(encoder.encode(List.of())).isEmpty();
    }

    @Test
    void sensitiveAndLargeFieldsStayOutOfTheTable() {
        HpackEncoder encoder = new HpackEncoder(4096, true);
        HpackDecoder decoder = new HpackDecoder();
        List<HeaderField> fields = List.of(new HeaderField("authorization", "Basic dXNlcjpwYXNz"),
                new HeaderField("cookie", "sid=12"), new HeaderField("x-big", "v".repeat(3100)),
                new HeaderField("x-secret", "s", true));
        byte[] block = encoder.encode(fields);
        assertThat(encoder.table().length()).isZero();
        List<HeaderField> decoded = decode(decoder, block).fields();
        assertThat(decoded).extracting(HeaderField::sensitive).containsExactly(true, true, false, true);
        assertThat(decoded).extracting(HeaderField::value)
                .containsExactly("Basic dXNlcjpwYXNz", "sid=12", "v".repeat(3100), "s");
        assertThat(decoder.table().length()).isZero();
    }
}
