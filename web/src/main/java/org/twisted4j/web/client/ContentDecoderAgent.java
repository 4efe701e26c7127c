package org.twisted4j.web.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;

/**
 * An agent that asks for compressed bodies and decodes them as they arrive, as Twisted's
 * {@code ContentDecoderAgent}: it sends {@code Accept-Encoding} with the codings it knows (unless the request
 * has one already) and gives responses whose body is decoded piece by piece on its way to the
 * {@link org.twisted4j.web.BodyReceiver}.
 *
 * <pre>{@code
 * HttpAgent agent = new ContentDecoderAgent(Agent.create(reactor), ContentDecoderAgent.GZIP_AND_DEFLATE);
 * agent.request("GET", uri, null, null).addCallbackDeferred(Response::readBody);   // decoded bytes
 * }</pre>
 *
 * <h2>Decoding</h2>
 * The {@code Content-Encoding} values are undone from the last to the first, as long as each is known; the
 * ones left (the first unknown and all before it) stay in the header, which is removed once all are undone.
 * A decoded response has {@link Response#UNKNOWN_LENGTH} and no {@code Content-Length}. Data that does not
 * decode, or stops short, fails the body ({@link org.twisted4j.web.BodyReceiver#bodyFailed}) with a
 * {@link java.util.zip.ZipException} or {@link java.io.EOFException}, and makes the connection close. With a
 * {@linkplain #ContentDecoderAgent(HttpAgent, Map, long) size limit}, a body that decodes to more fails with a
 * {@link DecodedBodyTooLarge}, guarding against decompression bombs.
 *
 * <p>Pitfall: one encoded piece can decode to many pieces, all delivered before the next piece is read, even if
 * the receiver pauses the body meanwhile.
 *
 * <p>Threading: reactor thread only, as the agent it wraps.
 */
public final class ContentDecoderAgent implements HttpAgent {

    /** The gzip and deflate decoders, gzip preferred. */
    public static final Map<String, Supplier<ContentDecoder>> GZIP_AND_DEFLATE =
            orderedOf("gzip", ContentDecoders.gzipFactory(), "deflate", ContentDecoders.deflateFactory());

    /** No limit on a decoded body's size. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private final HttpAgent agent;
    private final Map<String, Supplier<ContentDecoder>> decoders;
    private final String acceptEncoding;
    private final long maxDecodedSize;

    /**
     * Wraps {@code agent} with decoders and no size limit.
     *
     * @param agent the agent that sends the requests
     * @param decoders coding names (any case) to decoder factories, in order of preference
     * @throws IllegalArgumentException if there are no decoders
     */
    public ContentDecoderAgent(HttpAgent agent, Map<String, Supplier<ContentDecoder>> decoders) {
        this(agent, decoders, NO_LIMIT);
    }

    /**
     * Wraps {@code agent} with decoders and a limit on the decoded size of each body.
     *
     * @param agent the agent that sends the requests
     * @param decoders coding names (any case) to decoder factories, in order of preference (the map's iteration
     *     order)
     * @param maxDecodedSize the most bytes a body may decode to, or {@link #NO_LIMIT}
     * @throws IllegalArgumentException if there are no decoders or the limit is negative
     */
    public ContentDecoderAgent(HttpAgent agent, Map<String, Supplier<ContentDecoder>> decoders, long maxDecodedSize) {
        this.agent = Objects.requireNonNull(agent, "agent");
        if (decoders.isEmpty()) {
            throw new IllegalArgumentException("no decoders");
        }
        if (maxDecodedSize < 0) {
            throw new IllegalArgumentException("negative size limit: " + maxDecodedSize);
        }
        LinkedHashMap<String, Supplier<ContentDecoder>> byName = new LinkedHashMap<>();
        decoders.forEach((name, factory) -> byName.put(name.toLowerCase(Locale.ROOT), factory));
        this.decoders = byName;
        this.acceptEncoding = String.join(",", byName.keySet());
        this.maxDecodedSize = maxDecodedSize;
    }

    /**
     * Sends the request with {@code Accept-Encoding} added (to a copy of the headers) and decodes the response.
     *
     * @throws IllegalArgumentException if the wrapped agent throws it
     */
    @Override
    public Deferred<Response> request(String method, URI uri, @Nullable Headers headers,
            @Nullable BodyProducer body) {
        Headers sent = new Headers();
        if (headers != null) {
            headers.forEach(sent::add);
        }
        if (!sent.contains("Accept-Encoding")) {
            sent.add("Accept-Encoding", acceptEncoding);
        }
        return agent.request(method, uri, sent, body).addCallback(this::decoded);
    }

    private Response decoded(Response response) {
        List<String> codings = new ArrayList<>();
        for (String value : response.headers().getAll("Content-Encoding")) {
            for (String coding : value.split(",", -1)) {
                codings.add(coding.strip());
            }
        }
        List<ContentDecoder> chain = new ArrayList<>();
        while (!codings.isEmpty()) {
            String last = codings.get(codings.size() - 1);
            Supplier<ContentDecoder> factory = decoders.get(last.toLowerCase(Locale.ROOT));
            if (factory == null) {
                break;
            }
            chain.add(factory.get());
            codings.remove(codings.size() - 1);
        }
        if (chain.isEmpty()) {
            return response;
        }
        Headers headers = new Headers();
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
                headers.add(name, value);
            }
        });
        if (!codings.isEmpty()) {
            headers.add("Content-Encoding", String.join(",", codings));
        }
        return new DecodedResponse(response, headers, chain, maxDecodedSize);
    }

    private static Map<String, Supplier<ContentDecoder>> orderedOf(String name1, Supplier<ContentDecoder> factory1,
            String name2, Supplier<ContentDecoder> factory2) {
        LinkedHashMap<String, Supplier<ContentDecoder>> map = new LinkedHashMap<>();
        map.put(name1, factory1);
        map.put(name2, factory2);
        return java.util.Collections.unmodifiableMap(map);
    }
}
