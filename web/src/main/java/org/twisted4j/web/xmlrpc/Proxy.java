package org.twisted4j.web.xmlrpc;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.Headers;
import org.twisted4j.web.client.BytesBodyProducer;
import org.twisted4j.web.client.HttpAgent;

/**
 * An XML-RPC client, as Twisted's {@code twisted.web.xmlrpc.Proxy}, sending its calls with an HTTP agent
 * (so over HTTP/1.1 or HTTP/2, TLS, pooled connections, whatever the agent does).
 *
 * <pre>{@code
 * Proxy proxy = new Proxy(Agent.create(reactor), URI.create("http://localhost:7080/RPC2"));
 * proxy.callRemote("add", 3, 5).addCallback(sum -> { System.out.println(sum); return null; });
 * }</pre>
 *
 * <h2>Results and failures</h2>
 * A call fires with the response's value, converted as {@link XmlRpcCodec} describes, or fails with the
 * {@link Fault} the server answered, with {@link XmlRpcFormatError} for a response that is not XML-RPC (or is
 * over {@link #setMaxResponseBytes}, 16 MiB by default), with {@link IllegalStateException} for an HTTP status
 * other than 200, or with what the agent failed with. Arguments with no XML-RPC form fail the call at once with
 * {@link IllegalArgumentException}; {@code null} arguments are sent as {@code <nil/>} only with
 * {@link #setAllowNone}.
 *
 * <p>Reactor thread only.
 */
public final class Proxy {
    /** The default largest response read, in bytes. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final HttpAgent agent;
    private final URI uri;
    private boolean allowNone;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    /** A proxy of the server at {@code uri}, reached with {@code agent}. */
    public Proxy(HttpAgent agent, URI uri) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Sends {@code null} arguments as {@code <nil/>}; off by default, as Twisted's {@code allowNone}. */
    public Proxy setAllowNone(boolean allowNone) {
        this.allowNone = allowNone;
        return this;
    }

    /**
     * Sets the largest response read.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Proxy setMaxResponseBytes(long maxResponseBytes) {
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
        return this;
    }

    /** Calls a remote procedure; see the class description for what the Deferred fires with. */
    public Deferred<@Nullable Object> callRemote(String method, @Nullable Object... args) {
        byte[] call;
        try {
            call = XmlRpcCodec.writeCall(method, Arrays.asList(args), allowNone);
        } catch (IllegalArgumentException e) {
            return Deferred.fail(e);
        }
        Headers headers = new Headers();
        headers.add("Content-Type", "text/xml");
        headers.add("User-Agent", "twisted4j/XMLRPC");
        return agent.request("POST", uri, headers, BytesBodyProducer.of(call)).addCallbackDeferred(response -> {
            if (response.code() != 200) {
                response.abortBody();
                throw new IllegalStateException("XML-RPC server answered " + response.code() + " "
                        + response.phrase());
            }
            return response.readBody(maxResponseBytes);
        }).addCallback(XmlRpcCodec::readResponse);
    }
}
