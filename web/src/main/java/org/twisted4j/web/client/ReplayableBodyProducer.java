package org.twisted4j.web.client;

/**
 * A request body that can be produced again from its start, so that a {@link BrowserLikeRedirectAgent} can
 * send it once more when a 307 or 308 redirect keeps the method. {@link BytesBodyProducer} and a
 * {@link MultipartFormBody} of in-memory parts are replayable.
 *
 * <p>Threading: reactor thread only.
 */
public interface ReplayableBodyProducer extends BodyProducer {

    /**
     * Returns a producer of the same bytes that has not started, independent of this one.
     *
     * @return a fresh producer
     */
    BodyProducer replay();
}
