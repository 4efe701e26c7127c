package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.twisted4j.web.client.ContentDecoder;
import org.twisted4j.web.client.ContentDecoders;
import org.twisted4j.web.internal.Splits;

/**
 * Fuzzes gzip content-coding on the server: the {@code Accept-Encoding} negotiation, and the encoder against
 * the client's decoder.
 *
 * <p>Invariants of {@link #acceptEncodingDecidesAsDocumented}: for any {@code Accept-Encoding} fields (the fuzz
 * data's lines) the factory never throws and takes gzip exactly as its javadoc says, checked against the RFC
 * 9110 §12.5.3 grammar written here independently: an explicit {@code gzip} or {@code x-gzip} element decides
 * by its highest q-value, else {@code *} does; a q-value is {@code 0} to {@code 1} with at most three decimals
 * (RFC 9110 §12.4.2), a malformed one counts as 0, none as 1; {@code identity} and other codings do not matter.
 *
 * <p>Invariants of {@link #gzipEncodedBodiesDecodeToTheSame}: a body written in fuzzed pieces (heap or direct
 * buffers) at any compression level is decoded by the client's gzip decoder, piece by piece, to exactly what
 * has been written so far after each piece (each is sync-flushed), and to the whole body at the end, as it is by
 * {@link GZIPInputStream}.
 */
class GzipEncoderFactoryFuzzTest {

    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    @FuzzTest
    void acceptEncodingDecidesAsDocumented(FuzzedDataProvider data) {
        String text = new String(data.consumeRemainingAsBytes(), ISO_8859_1);
        Headers headers = new Headers();
        for (String field : text.split("\n", -1)) {
            headers.addUnchecked("Accept-Encoding", field);
        }
        double gzip = -1;
        double any = -1;
        for (String field : headers.getAll("Accept-Encoding")) {
            for (String element : field.split(",", -1)) {
                String[] parts = element.split(";", -1);
                // Unicode strip, as the factory does; field values reaching it hold no control characters.
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                double q = weight(parts);
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = Math.max(gzip, q);
                } else if (coding.equals("*")) {
                    any = Math.max(any, q);
                }
            }
        }
        assertThat(GzipEncoderFactory.acceptsGzip(headers)).isEqualTo(gzip >= 0 ? gzip > 0 : any > 0);
    }

    /** The first {@code q} parameter's value: 1 if there is none, 0 if it is not a qvalue. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() >= 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                String value = parameter.substring(2);
                return QVALUE.matcher(value).matches() ? Double.parseDouble(value) : 0;
            }
        }
        return 1;
    }

    @FuzzTest
    void gzipEncodedBodiesDecodeToTheSame(FuzzedDataProvider data) throws Exception {
        int level = data.consumeInt(0, 9);
        boolean direct = data.consumeBoolean();
        int[] cuts = Splits.cuts(data);
        byte[] input = data.consumeRemainingAsBytes();

        GzipEncoderFactory.GzipEncoder encoder = new GzipEncoderFactory.GzipEncoder(level);
        assertThat(encoder.contentCoding()).isEqualTo("gzip");
        ContentDecoder decoder = ContentDecoders.gzip();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        ContentDecoder.Sink sink = piece -> {
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            decoded.writeBytes(bytes);
        };
        for (ByteBuffer piece : Splits.pieces(input, cuts)) {
            written.write(piece.array(), piece.arrayOffset(), piece.remaining());
            ByteBuffer given = direct ? ByteBuffer.allocateDirect(piece.remaining()).put(piece).flip() : piece;
            byte[] out = encoder.encode(given);
            assertThat(given.hasRemaining()).isFalse();
            encoded.writeBytes(out);
            decoder.decode(ByteBuffer.wrap(out), sink);
            assertThat(decoded.toByteArray()).isEqualTo(written.toByteArray());
        }
        byte[] last = encoder.finish();
        encoded.writeBytes(last);
        decoder.decode(ByteBuffer.wrap(last), sink);
        decoder.finish(sink);
        assertThat(decoded.toByteArray()).isEqualTo(input);
        assertThat(gunzip(encoded.toByteArray())).isEqualTo(input);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
