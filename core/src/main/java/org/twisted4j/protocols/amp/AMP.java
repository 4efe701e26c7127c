package org.twisted4j.protocols.amp;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.Transport;

/**
 * An AMP connection, as Twisted's {@code amp.AMP}: a {@link Protocol} that frames boxes with a {@link BoxParser}
 * and hands them to a {@link BoxDispatcher}, so that either side can call the other's commands and answer its
 * own.
 *
 * <pre>{@code
 * // a server
 * reactor.listenTCP(1234, Factory.forProtocol(() -> new AMP()
 *         .respond(SUM, args -> new Total(args.a() + args.b()))
 *         .respond(DIVIDE, args -> new Quotient(divide(args.numerator(), args.denominator())))));
 *
 * // a client, on its connected AMP
 * amp.callRemote(SUM, new Operands(13, 81)).addCallback(total -> { ... });
 * }</pre>
 *
 * <h2>Bad input</h2>
 * A key announced longer than 255 bytes, or a box over {@link #setMaxBoxSize the size limit}
 * ({@value BoxParser#DEFAULT_MAX_BOX_SIZE} bytes by default), drops the connection with one log line, and its
 * outstanding calls fail with the {@link TooLong}; so does a box that is neither question nor answer, or an answer
 * to no question (then they fail with the connection's reason). Nothing reaches the reactor.
 *
 * <h2>Unhandled failures</h2>
 * As in Twisted, a call whose Deferred ends its chain in a failure that nothing handled is logged, and the
 * connection dropped: give every {@code callRemote} an errback.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as every protocol.
 *
 * <p>Not included: Twisted's {@code StartTLS} and {@code ProtocolSwitchCommand}, and the file-descriptor passing
 * of {@code Descriptor}.
 */
public final class AMP extends Protocol {
    private final BoxDispatcher dispatcher = new BoxDispatcher();
    private final BoxParser parser = new BoxParser(this::boxReceived);
    private final Sender sender = new Sender();
    private @Nullable TooLong tooLong;
    private boolean dropped;

    /** A connection with no responders yet. */
    public AMP() {
    }

    /** Answers {@code command} with {@code responder}; see {@link BoxDispatcher#respond}. Returns this. */
    public <A extends Record, R extends Record> AMP respond(Command<A, R> command, Responder<A, R> responder) {
        dispatcher.respond(command, responder);
        return this;
    }

    /** Answers {@code command} later; see {@link BoxDispatcher#respondDeferred}. Returns this. */
    public <A extends Record, R extends Record> AMP respondDeferred(Command<A, R> command,
            DeferredResponder<A, R> responder) {
        dispatcher.respondDeferred(command, responder);
        return this;
    }

    /**
     * Calls {@code command} on the peer; see {@link BoxDispatcher#callRemote} for how its Deferred ends.
     *
     * @throws IllegalStateException if the connection is not made yet
     */
    public <A extends Record, R extends Record> Deferred<R> callRemote(Command<A, R> command, A arguments) {
        return dispatcher.callRemote(command, arguments);
    }

    /** The largest box it accepts from the peer, in bytes. */
    public int maxBoxSize() {
        return parser.maxBoxSize();
    }

    /** Sets the largest box it accepts from the peer; see {@link BoxParser#setMaxBoxSize}. */
    public void setMaxBoxSize(int bytes) {
        parser.setMaxBoxSize(bytes);
    }

    /** Its dispatcher. */
    public BoxDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void connectionMade() {
        dispatcher.startReceivingBoxes(sender);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (dropped) {
            data.position(data.limit());
            return;
        }
        try {
            parser.feed(data);
        } catch (TooLong e) {
            tooLong = e;
            drop(e.getMessage());
        }
    }

    private void boxReceived(AmpBox box) {
        if (dropped) {
            return;
        }
        dispatcher.ampBoxReceived(box);
    }

    private void drop(@Nullable String why) {
        dropped = true;
        parser.stop();
        AmpLog.LOG.warn("AMP connection with {peer} dropped: {why}", "peer", transport().getPeer(), "why", why);
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        parser.stop();
        TooLong error = tooLong;
        dispatcher.stopReceivingBoxes(error != null ? new Failure(error) : reason);
    }

    /** The dispatcher's way out: this connection's transport. */
    private final class Sender implements BoxSender {
        @Override
        public void sendBox(AmpBox box) {
            byte[] bytes = box.serialize();
            Transport transport = transport();
            if (!dropped) {
                transport.write(ByteBuffer.wrap(bytes));
            }
        }

        @Override
        public void loseConnection() {
            dropped = true;
            parser.stop();
            transport().loseConnection();
        }

        @Override
        public void unhandledError(Failure failure) {
            if (failure.value() instanceof AmpError) {
                if (!dropped) {
                    drop(failure.value().getMessage());
                }
                return;
            }
            AmpLog.LOG.failure("AMP failure unhandled by the application: dropping the connection with {peer}",
                    failure, "peer", transport().getPeer());
            dropped = true;
            parser.stop();
            transport().loseConnection();
        }
    }
}
