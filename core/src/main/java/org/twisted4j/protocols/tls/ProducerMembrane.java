package org.twisted4j.protocols.tls;

import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.PullProducer;
import org.twisted4j.internet.PushProducer;

/**
 * Stands between a producer registered on a {@link TlsProtocol} and the real transport it is registered
 * with in turn: the real transport's pauses and resumes reach the producer, and a pull producer is not
 * asked for data before the handshake has finished (its writes could only wait). Reactor thread only.
 */
final class ProducerMembrane {
    private final TlsProtocol tls;
    private @Nullable Producer producer;
    private boolean streaming;
    private boolean pullWanted;
    private boolean gone;
    private boolean pausedByTransport;
    private boolean heldBack;
    private boolean producerPaused;

    private final PushProducer push = new PushProducer() {
        @Override
        public void pauseProducing() {
            pausedByTransport = true;
            update();
        }

        @Override
        public void resumeProducing() {
            pausedByTransport = false;
            update();
        }

        @Override
        public void stopProducing() {
            stop();
        }
    };

    private final PullProducer pull = new PullProducer() {
        @Override
        public void resumeProducing() {
            if (!(producer instanceof PullProducer current) || streaming) {
                return;
            }
            if (tls.handshakeDone()) {
                current.resumeProducing();
            } else {
                pullWanted = true;
            }
        }

        @Override
        public void stopProducing() {
            stop();
        }
    };

    ProducerMembrane(TlsProtocol tls) {
        this.tls = tls;
    }

    void register(Producer producer, boolean streaming) {
        if (this.producer != null) {
            throw new IllegalStateException("a producer is already registered: " + this.producer);
        }
        if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
            throw new IllegalArgumentException((streaming ? "a streaming producer must be a PushProducer: "
                    : "a non-streaming producer must be a PullProducer: ") + producer);
        }
        if (gone) {
            producer.stopProducing();
            return;
        }
        this.producer = producer;
        this.streaming = streaming;
        this.pullWanted = false;
        this.pausedByTransport = false;
        this.producerPaused = false;
        tls.realTransport().registerProducer(streaming ? push : pull, streaming);
    }

    /**
     * Forgets the producer and unregisters from the real transport; a no-op once the session is over, as
     * the producer was unregistered when it was stopped.
     *
     * @throws IllegalStateException if no producer is registered and the session is not over
     */
    void unregister() {
        if (producer == null) {
            if (gone) {
                return;
            }
            throw new IllegalStateException("no producer is registered");
        }
        producer = null;
        pullWanted = false;
        if (!gone) {
            tls.realTransport().unregisterProducer();
        }
    }

    boolean registered() {
        return producer != null;
    }

    /**
     * Pauses a push producer while the TLS layer holds back more than it should (writes made before the
     * handshake finished), and resumes it once they are out, unless the real transport has it paused too.
     */
    void holdBack(boolean hold) {
        if (heldBack != hold) {
            heldBack = hold;
            update();
        }
    }

    private void update() {
        boolean pause = pausedByTransport || heldBack;
        if (pause != producerPaused && streaming && producer instanceof PushProducer current) {
            producerPaused = pause;
            if (pause) {
                current.pauseProducing();
            } else {
                current.resumeProducing();
            }
        }
    }

    /** Asks a pull producer for the data it was asked for before the handshake let it write. */
    void handshakeFinished() {
        if (pullWanted && !streaming && producer instanceof PullProducer current) {
            pullWanted = false;
            current.resumeProducing();
        }
    }

    /**
     * The session is over while the real transport is still open: unregisters from the real transport, so
     * its close need not wait for a producer that will never finish, and stops the producer.
     */
    void sessionOver() {
        boolean wasRegistered = producer != null;
        gone = true;
        if (wasRegistered) {
            tls.realTransport().unregisterProducer();
        }
        stop();
    }

    /** The connection is over: stops the producer if the real transport has not already. */
    void connectionLost() {
        stop();
    }

    private void stop() {
        gone = true;
        Producer current = producer;
        producer = null;
        if (current != null) {
            current.stopProducing();
        }
    }
}
