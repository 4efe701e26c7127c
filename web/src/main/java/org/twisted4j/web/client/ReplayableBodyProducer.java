package org.twisted4j.web.client;

import org.jspecify.annotations.Nullable;

/**
 * A request body that can be produced again from its start, so that a redirect agent can send it once more
 * when a 307 or 308 redirect keeps the method. {@link BytesBodyProducer} is; a {@link MultipartFormBody} is when
 * all its parts are in memory.
 *
 * <p>Threading: reactor thread only.
 */
public interface ReplayableBodyProducer extends BodyProducer {

    /**
     * Returns a producer of the same bytes that has not started, independent of this one, or null if this one
     * cannot be replayed after all.
     *
     * @return a fresh producer, or null
     */
    @Nullable BodyProducer replay();
}
