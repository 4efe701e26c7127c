package org.twisted4j.web.client;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.web.BodyReceiver;
import org.twisted4j.web.Headers;

/**
 * A response that passes every call to another one; the agent wrappers extend it and change what they need
 * (the previous response of a redirect, the body of a decoded response).
 *
 * <p>Threading: reactor thread only.
 */
abstract class ForwardingResponse implements Response {

    final Response delegate;

    ForwardingResponse(Response delegate) {
        this.delegate = delegate;
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public int code() {
        return delegate.code();
    }

    @Override
    public String phrase() {
        return delegate.phrase();
    }

    @Override
    public Headers headers() {
        return delegate.headers();
    }

    @Override
    public long length() {
        return delegate.length();
    }

    @Override
    public URI requestUri() {
        return delegate.requestUri();
    }

    @Override
    public @Nullable Response previousResponse() {
        return delegate.previousResponse();
    }

    @Override
    public void deliverBody(BodyReceiver receiver) {
        delegate.deliverBody(receiver);
    }

    @Override
    public void pauseBody() {
        delegate.pauseBody();
    }

    @Override
    public void resumeBody() {
        delegate.resumeBody();
    }

    @Override
    public void abortBody() {
        delegate.abortBody();
    }

    @Override
    public Deferred<byte[]> readBody() {
        return BodyCollector.collect(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code() + " " + requestUri() + "]";
    }
}
