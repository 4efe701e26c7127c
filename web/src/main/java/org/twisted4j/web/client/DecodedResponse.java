package org.twisted4j.web.client;

import java.nio.ByteBuffer;
import java.util.List;
import org.twisted4j.defer.Failure;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

/**
 * A response whose body is decoded on its way to the receiver, through a chain of decoders (the first undoes
 * the last coding applied).
 *
 * <p>Threading: reactor thread only.
 */
final class DecodedResponse extends ForwardingResponse {

    private final Headers headers;
    private final List<ContentDecoder> chain;
    private final long maxDecodedSize;

    DecodedResponse(Response delegate, Headers headers, List<ContentDecoder> chain, long maxDecodedSize) {
        super(delegate);
        this.headers = headers;
        this.chain = List.copyOf(chain);
        this.maxDecodedSize = maxDecodedSize;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public long length() {
        return UNKNOWN_LENGTH;
    }

    @Override
    public void deliverBody(BodyReceiver receiver) {
        delegate.deliverBody(new Decoding(receiver));
    }

    /** Passes the body through the decoders to the receiver; the first failure ends it. */
    private final class Decoding implements BodyReceiver {
        private final BodyReceiver receiver;
        private final ContentDecoder.Sink[] inputs;
        private long delivered;
        private boolean over;

        Decoding(BodyReceiver receiver) {
            this.receiver = receiver;
            int n = chain.size();
            inputs = new ContentDecoder.Sink[n + 1];
            inputs[n] = this::deliver;
            for (int i = n - 1; i >= 0; i--) {
                ContentDecoder decoder = chain.get(i);
                ContentDecoder.Sink next = inputs[i + 1];
                inputs[i] = piece -> decoder.decode(piece, next);
            }
        }

        private void deliver(ByteBuffer decoded) throws Exception {
            delivered += decoded.remaining();
            if (delivered > maxDecodedSize) {
                throw new DecodedBodyTooLarge(maxDecodedSize);
            }
            receiver.dataReceived(decoded);
        }

        @Override
        public void dataReceived(ByteBuffer piece) throws Exception {
            if (over) {
                return;
            }
            try {
                inputs[0].accept(piece);
            } catch (Exception e) {
                over = true;
                receiver.bodyFailed(new Failure(e));
                throw e;
            }
        }

        @Override
        public void bodyFinished() throws Exception {
            if (over) {
                return;
            }
            try {
                for (int i = 0; i < chain.size(); i++) {
                    chain.get(i).finish(inputs[i + 1]);
                }
            } catch (Exception e) {
                over = true;
                receiver.bodyFailed(new Failure(e));
                return;
            }
            over = true;
            receiver.bodyFinished();
        }

        @Override
        public void bodyFailed(Failure reason) {
            if (!over) {
                over = true;
                receiver.bodyFailed(reason);
            }
        }
    }
}
