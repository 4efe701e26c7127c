package org.twisted4j.web;

import java.nio.ByteBuffer;

/**
 * Encodes one response body as it is written, in a content coding such as gzip; made for a request by an
 * {@link EncoderFactory}. An {@link EncodingResourceWrapper} puts it on the request, which then passes each
 * piece of the body through {@link #encode} and the end through {@link #finish()}.
 *
 * <p>Each call should return everything the client needs to decode the input so far (a sync flush), so a
 * response written piece by piece (a long poll, a stream of events) reaches the client as it goes.
 *
 * <p>Threading: reactor thread only; one encoder serves one response.
 */
public interface Encoder {

    /**
     * Returns the coding's name, which goes in the Content-Encoding header, such as {@code gzip}.
     *
     * @return the name, an HTTP token
     */
    String contentCoding();

    /**
     * Encodes the next piece of the body.
     *
     * @param data the bytes; consumed
     * @return the encoded bytes to send now; may be empty
     */
    byte[] encode(ByteBuffer data);

    /**
     * Ends the body: returns the last encoded bytes (a trailer, say) and releases what the encoder holds. No
     * other call follows.
     *
     * @return the bytes; may be empty
     */
    byte[] finish();
}
