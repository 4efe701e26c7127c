package org.twisted4j.web.client;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes the client's gzip decoder, behind a {@link DecodedResponse} with a decoded-size limit taken from the
 * fuzz data: with any bytes as the encoded body, and with the fuzz data's bytes repeated (a decompression bomb
 * when the repeats are many) gzipped as the body.
 *
 * <p>Invariants, as {@link DecodingRun} checks them: the receiver never gets more decoded bytes than the limit,
 * whatever the compressed input; the body ends once, finished or failed with one of the documented errors
 * ({@link java.util.zip.ZipException}, {@link java.io.EOFException}, {@link DecodedBodyTooLarge}). Also: any
 * split of the encoded body finishes or fails as the whole body does (with the same error, unless the data is
 * both broken and too large, when either may show first), with the same bytes (a failed body's bytes a prefix of
 * the other's); and gzipped data decodes to exactly the data when it fits the limit, else fails with
 * {@link DecodedBodyTooLarge} after a prefix of it.
 */
class GzipDecoderFuzzTest {

    @FuzzTest
    void decodedBodiesStayWithinTheLimit(FuzzedDataProvider data) {
        DecoderTargets.check(data, ContentDecoders.gzipFactory(), GzipDecoderFuzzTest::gzip);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
