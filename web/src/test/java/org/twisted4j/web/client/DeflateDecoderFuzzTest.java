package org.twisted4j.web.client;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Fuzzes the client's deflate decoder as {@link GzipDecoderFuzzTest} fuzzes the gzip one, with the same
 * invariants; the data it compresses itself is zlib-wrapped or raw deflate, as the fuzz data chooses, since
 * the decoder takes both.
 */
class DeflateDecoderFuzzTest {

    @FuzzTest
    void decodedBodiesStayWithinTheLimit(FuzzedDataProvider data) {
        boolean raw = data.consumeBoolean();
        DecoderTargets.check(data, ContentDecoders.deflateFactory(), plain -> deflate(plain, raw));
    }

    private static byte[] deflate(byte[] data, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
