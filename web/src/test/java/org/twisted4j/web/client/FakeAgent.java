package org.twisted4j.web.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

/**
 * An in-memory agent for the wrappers' tests: it records every request and answers it with what the
 * responder gives, or leaves it pending for the test to answer through {@link Sent#respond}.
 */
final class FakeAgent implements HttpAgent {

    /** A request the agent was asked to send. */
    static final class Sent {
        final String method;
        final URI uri;
        final @Nullable Headers headers;
        final @Nullable BodyProducer body;
        final Deferred<Response> result = new Deferred<>();
        boolean cancelled;

        Sent(String method, URI uri, @Nullable Headers headers, @Nullable BodyProducer body) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.body = body;
        }

        void respond(Response response) {
            result.callback(response);
        }

        @Nullable String header(String name) {
            Headers h = headers;
            return h == null ? null : h.get(name);
        }

        /** Produces the body to the end and returns its bytes (null if there was none). */
        byte @Nullable [] bodyBytes() {
            BodyProducer b = body;
            if (b == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            b.startProducing((ByteBuffer buffer) -> {
                byte[] piece = new byte[buffer.remaining()];
                buffer.get(piece);
                out.writeBytes(piece);
            });
            return out.toByteArray();
        }
    }

    final List<Sent> sent = new ArrayList<>();
    private @Nullable Function<Sent, Response> responder;

    FakeAgent() {
    }

    /** An agent that answers each request at once with what {@code responder} returns for it. */
    static FakeAgent answering(Function<Sent, Response> responder) {
        FakeAgent agent = new FakeAgent();
        agent.responder = responder;
        return agent;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body) {
        Sent request = new Sent(method, uri, headers, body);
        sent.add(request);
        Deferred<Response> result = new Deferred<>(d -> request.cancelled = true);
        request.result.chainDeferred(result);
        Function<Sent, Response> r = responder;
        if (r != null) {
            request.respond(r.apply(request));
        }
        return result;
    }
}
