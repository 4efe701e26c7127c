package org.twisted4j.web.client;

/**
 * A body producer that can be started again from the beginning after a failed attempt, so that a request
 * dropped by a stale pooled connection can be sent again with its body.
 */
interface RestartableBody {

    /** Returns whether {@link BodyProducer#startProducing} may be called again and will write the same bytes. */
    boolean canRestart();
}
