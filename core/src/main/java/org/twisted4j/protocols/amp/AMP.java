package org.twisted4j.protocols.amp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsTransport;

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
 * <h2>Writes</h2>
 * Boxes sent while it parses what one read brought (the answers to pipelined calls, and calls made from their
 * callbacks) leave together in one write when that read is parsed, not one write each; boxes sent at any other
 * time are written at once.
 *
 * <h2>Unhandled failures</h2>
 * As in Twisted, a call whose Deferred ends its chain in a failure that nothing handled is logged, and the
 * connection dropped: give every {@code callRemote} an errback.
 *
 * <h2>Switching: StartTLS and protocol switches</h2>
 * A command built with {@link Command.Builder#startsTls()} ({@link StartTLS#COMMAND} is Twisted's) or
 * {@link Command.Builder#switchesProtocol()} (Twisted's {@code ProtocolSwitchCommand}) changes the connection
 * once it succeeds, on the byte after its answer:
 * <ul>
 *   <li>the responder writes the answer and then starts TLS (or hands the connection to the protocol its
 *       factory builds); from the moment the command arrives until then, what the peer sends is held, not parsed,
 *       and goes to TLS (or to the new protocol) afterwards;
 *   <li>the caller starts TLS (or switches) as soon as it reads the answer, before the call's Deferred fires;
 *       bytes that came after the answer in the same read go to TLS (or to the new protocol), never to AMP.
 *       Boxes it sends while a StartTLS waits for its answer wait too, and go out over TLS; calls made while a
 *       protocol switch waits fail with {@link ProtocolSwitched};
 *   <li>a failed answer changes nothing: held bytes are parsed, waiting boxes go out in the clear, and AMP goes
 *       on;
 *   <li>a second StartTLS, or one on a connection that began in TLS (a TLS endpoint), fails with
 *       {@link OnlyOneTLS}: at once for a caller, as an answer with code {@value StartTLS#TLS_ERROR_CODE} for a
 *       responder.
 * </ul>
 * Calls go through this class for that: {@link BoxDispatcher#callRemote} alone does not switch anything. After a
 * protocol switch, this object stays the transport's protocol and passes every read and the connection's end to
 * the new one.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as every protocol.
 *
 * <p>Not included: the file-descriptor passing of Twisted's {@code Descriptor}; see the package documentation.
 */
public final class AMP extends Protocol {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final BoxDispatcher dispatcher = new BoxDispatcher();
    private final BoxParser parser = new BoxParser(this::boxReceived);
    private final Sender sender = new Sender();
    private @Nullable TooLong tooLong;
    private boolean dropped;
    private boolean lost;

    /** What the boxes sent while parsing wrote, to leave in one write when the parsing ends. */
    private final ByteArrayOutputStream gathered = new ByteArrayOutputStream();
    /** The bytes being parsed, while they are: what a switch takes the rest of. */
    private @Nullable ByteBuffer feeding;
    /** What arrived while {@link #feeding}, to be read after it. */
    private final ArrayDeque<ByteBuffer> reentered = new ArrayDeque<>();
    /** The tag of the peer's switching command whose answer is awaited, or null. */
    private byte @Nullable [] heldTag;
    /** What arrived after that command. */
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    /** Boxes sent while our StartTLS waits for its answer, or null when none does. */
    private @Nullable List<AmpBox> waitingForTls;
    private boolean tlsStarted;
    private @Nullable TlsTransport tls;
    /** Whether our protocol switch waits for its answer. */
    private boolean switching;
    private @Nullable Protocol inner;

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
     * Calls {@code command} on the peer; see {@link BoxDispatcher#callRemote} for how its Deferred ends. A command
     * that {@link Command#startsTls() starts TLS} or {@link Command#switchesProtocol() switches protocols} does
     * so before the Deferred fires; see the class documentation. Such a call fails at once with
     * {@link OnlyOneTLS} if TLS has started (or is starting), with {@link ProtocolSwitched} if a switch is under
     * way, with {@link IllegalArgumentException} if the arguments lack their TLS options or factory, and with
     * {@link IllegalStateException} if the transport cannot start TLS. Any call fails with
     * {@link ProtocolSwitched} once the connection has switched or while a switch waits for its answer.
     *
     * @throws IllegalStateException if the connection is not made yet
     */
    public <A extends Record, R extends Record> Deferred<R> callRemote(Command<A, R> command, A arguments) {
        if (inner != null || switching) {
            return Deferred.fail(new ProtocolSwitched("this connection has switched protocols: no more AMP"));
        }
        return switch (command.switching()) {
            case NONE -> dispatcher.callRemote(command, arguments);
            case TLS -> callStartTls(command, arguments);
            case PROTOCOL -> callSwitch(command, arguments);
        };
    }

    private <A extends Record, R extends Record> Deferred<R> callStartTls(Command<A, R> command, A arguments) {
        if (tlsUnderWay()) {
            return Deferred.fail(new OnlyOneTLS("TLS has already started on this connection"));
        }
        TlsOptions options;
        try {
            options = (TlsOptions) Objects.requireNonNull(command.arguments().localValue(arguments,
                    Command.TLS_COMPONENT), "no TLS options");
        } catch (RuntimeException e) {
            return Deferred.fail(new IllegalArgumentException(command.name() + " needs this side's TLS options", e));
        }
        if (!(transport() instanceof TlsUpgradable)) {
            return Deferred.fail(new IllegalStateException("this transport cannot start TLS: " + transport()));
        }
        Deferred<R> answer = dispatcher.callRemote(command, arguments);
        waitingForTls = new ArrayList<>();
        return answer.addCallbacks(response -> {
            startTls(options);
            return response;
        }, failure -> {
            sendWaiting();
            throw failure.raise();
        });
    }

    private <A extends Record, R extends Record> Deferred<R> callSwitch(Command<A, R> command, A arguments) {
        Factory factory;
        try {
            factory = (Factory) Objects.requireNonNull(command.arguments().localValue(arguments,
                    Command.FACTORY_COMPONENT), "no factory");
        } catch (RuntimeException e) {
            return Deferred.fail(new IllegalArgumentException(command.name() + " needs this side's factory", e));
        }
        Deferred<R> answer = dispatcher.callRemote(command, arguments);
        switching = true;
        return answer.addCallbacks(response -> {
            switching = false;
            switchTo(factory);
            return response;
        }, failure -> {
            switching = false;
            throw failure.raise();
        });
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

    /** Whether TLS has started on this connection through a {@link StartTLS}. */
    public boolean isTlsStarted() {
        return tlsStarted;
    }

    /**
     * The TLS side of the connection once a {@link StartTLS} has started it, or null before: its
     * {@link TlsTransport#whenHandshakeDone()} tells the handshake's outcome and the peer's certificates, as
     * Twisted's {@code peerCertificate}.
     */
    public @Nullable TlsTransport tlsTransport() {
        return tls;
    }

    /** The protocol the connection has switched to, or null while it speaks AMP. */
    public @Nullable Protocol switchedTo() {
        return inner;
    }

    @Override
    public void connectionMade() {
        dispatcher.startReceivingBoxes(sender);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (feeding != null) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            reentered.add(copy.put(data).flip());
            return;
        }
        receive(data);
        ByteBuffer next;
        while ((next = reentered.poll()) != null) {
            receive(next);
        }
    }

    private void receive(ByteBuffer data) {
        Protocol to = inner;
        if (to != null) {
            to.dataReceived(data);
            return;
        }
        if (dropped) {
            data.position(data.limit());
            return;
        }
        if (heldTag != null) {
            hold(data);
            return;
        }
        feeding = data;
        try {
            parser.feed(data);
        } catch (TooLong e) {
            tooLong = e;
            drop(e.getMessage());
        } finally {
            feeding = null;
            flushGathered();
        }
    }

    /** Writes what the boxes sent while parsing gathered, as one write. */
    private void flushGathered() {
        if (gathered.size() > 0) {
            byte[] bytes = gathered.toByteArray();
            gathered.reset();
            if (!lost) {
                transport().write(ByteBuffer.wrap(bytes));
            }
        }
    }

    /** Keeps what arrived while the answer to a switching command is awaited, up to the box size limit. */
    private void hold(ByteBuffer data) {
        int bytes = data.remaining();
        if (held.size() + (long) bytes > parser.maxBoxSize()) {
            data.position(data.limit());
            drop("over " + parser.maxBoxSize() + " bytes sent before the answer that switches the connection");
            return;
        }
        if (data.hasArray()) {
            held.write(data.array(), data.arrayOffset() + data.position(), bytes);
            data.position(data.limit());
        } else {
            byte[] copy = new byte[bytes];
            data.get(copy);
            held.writeBytes(copy);
        }
    }

    /** Takes what has arrived and AMP has not parsed: the bytes held, then the rest of what is being parsed. */
    private ByteBuffer takeUnread() {
        ByteBuffer rest = feeding;
        int restBytes = rest == null ? 0 : rest.remaining();
        if (held.size() == 0 && restBytes == 0) {
            return EMPTY;
        }
        ByteBuffer unread = ByteBuffer.allocate(held.size() + restBytes);
        unread.put(held.toByteArray());
        held.reset();
        if (rest != null) {
            unread.put(rest);
        }
        return unread.flip();
    }

    private void boxReceived(AmpBox box) {
        if (dropped) {
            return;
        }
        if (box.containsKey(BoxDispatcher.COMMAND) && !box.containsKey(BoxDispatcher.ANSWER)
                && !box.containsKey(BoxDispatcher.ERROR)) {
            byte[] tag = box.get(BoxDispatcher.ASK);
            Command<?, ?> command = dispatcher.commandFor(Objects.requireNonNull(box.getString(BoxDispatcher.COMMAND)));
            if (tag != null && command != null && command.switching() != Command.Switch.NONE) {
                boolean tlsUnderWay = tlsUnderWay();
                if (command.startsTls() && (tlsUnderWay || !(transport() instanceof TlsUpgradable))) {
                    sender.sendBox(new AmpBox().put(BoxDispatcher.ERROR, tag)
                            .put(BoxDispatcher.ERROR_CODE, StartTLS.TLS_ERROR_CODE)
                            .put(BoxDispatcher.ERROR_DESCRIPTION, tlsUnderWay
                                    ? "TLS has already started on this connection" : "TLS is not available"));
                    return;
                }
                heldTag = tag;
                ByteBuffer rest = feeding;
                if (rest != null) {
                    hold(rest);
                }
            }
        }
        dispatcher.ampBoxReceived(box);
    }

    /** Whether TLS runs, or is starting, on this connection: by a StartTLS, or from its start (a TLS endpoint). */
    private boolean tlsUnderWay() {
        return tlsStarted || waitingForTls != null || transport() instanceof TlsTransport;
    }

    /** Our StartTLS was answered: TLS now, then the boxes that waited. */
    private void startTls(TlsOptions options) {
        flushGathered();
        ByteBuffer early = takeUnread();
        tlsStarted = true;
        tls = ((TlsUpgradable) transport()).startTLS(options, isClient(options), early);
        sendWaiting();
    }

    private void sendWaiting() {
        List<AmpBox> boxes = waitingForTls;
        waitingForTls = null;
        if (boxes != null && !lost) {
            for (AmpBox box : boxes) {
                sender.sendBox(box);
            }
        }
    }

    /** Whether {@code options} make this side the TLS client; see {@link StartTLS}. */
    static boolean isClient(TlsOptions options) {
        return options instanceof ClientTlsOptions
                || options instanceof CertificateOptions certificateOptions && certificateOptions.isClientMode();
    }

    /** Hands the connection to the protocol {@code factory} builds, with what has arrived unread. */
    private void switchTo(Factory factory) {
        Transport transport = transport();
        Protocol next = factory.buildProtocol(transport.getPeer());
        if (next == null) {
            drop("the factory of the protocol switch built no protocol");
            return;
        }
        flushGathered();
        ByteBuffer unread = takeUnread();
        parser.stop();
        inner = next;
        next.makeConnection(transport);
        if (unread.hasRemaining()) {
            next.dataReceived(unread);
        }
    }

    private void drop(@Nullable String why) {
        dropped = true;
        parser.stop();
        flushGathered();
        AmpLog.LOG.warn("AMP connection with {peer} dropped: {why}", "peer", transport().getPeer(), "why", why);
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        lost = true;
        parser.stop();
        waitingForTls = null;
        Protocol to = inner;
        if (to != null) {
            to.connectionLost(reason);
        }
        TooLong error = tooLong;
        dispatcher.stopReceivingBoxes(error != null ? new Failure(error) : reason);
    }

    /** The dispatcher's way out: this connection's transport. */
    private final class Sender implements BoxSender {
        @Override
        public void sendBox(AmpBox box) {
            if (inner != null || switching) {
                throw new ProtocolSwitched("this connection has switched protocols: no more AMP");
            }
            List<AmpBox> waiting = waitingForTls;
            if (waiting != null) {
                waiting.add(box);
                return;
            }
            byte[] bytes = box.serialize();
            if (!dropped) {
                if (feeding != null) {
                    gathered.writeBytes(bytes);   // an answer, or a call from a callback: leaves with the others
                } else {
                    transport().write(ByteBuffer.wrap(bytes));
                }
            }
            byte[] tag = heldTag;
            if (tag != null && (Arrays.equals(tag, box.get(BoxDispatcher.ANSWER))
                    || Arrays.equals(tag, box.get(BoxDispatcher.ERROR)))) {
                answered(box);
            }
        }

        /** The peer's switching command is answered: switch, or read on. */
        private void answered(AmpBox answer) {
            heldTag = null;
            if (dropped) {
                return;
            }
            Object to = answer.switchTo;
            if (to instanceof TlsOptions options) {
                flushGathered();
                ByteBuffer early = takeUnread();
                tlsStarted = true;
                tls = ((TlsUpgradable) transport()).startTLS(options, isClient(options), early);
            } else if (to instanceof Factory factory) {
                switchTo(factory);
            } else {
                ByteBuffer unread = takeUnread();
                if (unread.hasRemaining()) {
                    if (feeding != null) {
                        reentered.addFirst(unread);
                    } else {
                        dataReceived(unread);
                    }
                }
            }
        }

        @Override
        public void loseConnection() {
            dropped = true;
            parser.stop();
            flushGathered();
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
            flushGathered();
            transport().loseConnection();
        }
    }
}
