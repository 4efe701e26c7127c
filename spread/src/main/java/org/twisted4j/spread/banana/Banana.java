package org.twisted4j.spread.banana;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.Logger;

/**
 * Banana, the s-expression protocol under Perspective Broker, client and server, as Twisted's
 * {@code twisted.spread.banana.Banana}: a {@link Protocol} that encodes what it is given with
 * {@link #sendEncoded} and hands each expression it decodes to {@link #expressionReceived}.
 *
 * <h2>Dialect negotiation</h2>
 * As Twisted's. When the connection is made the server sends the list of dialects it knows
 * ({@code [b"pb", b"none"]} by default). The client answers with the first of them it knows too and
 * switches to it; the server switches to the dialect the client names. If the client knows none of the
 * offered dialects, or the server is answered with one it did not offer, the connection is dropped. Once
 * a dialect is chosen {@link #connectionReady()} is called; only then do expressions reach
 * {@link #expressionReceived}. In dialect {@code pb} the 31 {@link Vocabulary} words travel as
 * {@code VOCAB} codes both ways.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * final class Echo extends Banana {
 *     Echo() { super(false); }                       // a server
 *     @Override protected void expressionReceived(Object expression) {
 *         sendEncoded(expression);
 *     }
 * }
 * }</pre>
 * Perspective Broker's {@code Broker} is such a subclass. The values that go in and come out are those of
 * {@link BananaEncoder} and {@link BananaDecoder}.
 *
 * <h2>Bad input</h2>
 * Bytes that are not Banana or that break a limit ({@link BananaDecoder}) are a {@link BananaError}: the
 * connection logs one line and is dropped, and whatever else arrives on it is ignored. Other exceptions
 * thrown by {@link #expressionReceived} are not caught here.
 *
 * <h2>Writes</h2>
 * Expressions sent while it decodes what one read brought (the answers to pipelined calls, and calls made
 * from their callbacks) leave together in one write once that read is decoded, not one write each;
 * expressions sent at any other time are written at once. Close with {@link #loseConnection()}, which writes
 * what waits first.
 *
 * <h2>Threading</h2>
 * Reactor thread only, as every {@code Protocol}.
 */
public abstract class Banana extends Protocol {

    /** The dialects Twisted's Banana knows, in the order a server offers them. */
    public static final List<String> KNOWN_DIALECTS = List.of("pb", "none");

    private static final Logger LOG = Logger.forClass(Banana.class);

    private final boolean isClient;
    private final List<String> knownDialects;
    private @Nullable BananaDecoder decoder;
    private int prefixLimit = BananaDecoder.DEFAULT_PREFIX_LIMIT;
    private int sizeLimit = BananaDecoder.SIZE_LIMIT;
    private int maxDepth = BananaDecoder.DEFAULT_MAX_DEPTH;
    private final BananaEncoder encoder = new BananaEncoder();
    private @Nullable String currentDialect;
    private boolean broken;
    /** True while {@link #dataReceived} decodes: what is sent meanwhile waits in {@link #gathered}. */
    private boolean feeding;
    /** The expressions sent while one read is decoded, to leave in one write when it is. */
    private final ByteSink gathered = new ByteSink(256);

    /**
     * Creates one that knows {@link #KNOWN_DIALECTS}.
     *
     * @param isClient whether this is the client end (which answers the server's offer of dialects)
     */
    protected Banana(boolean isClient) {
        this(isClient, KNOWN_DIALECTS);
    }

    /**
     * Creates one that knows these dialects; a server offers them in this order.
     *
     * @param isClient whether this is the client end
     * @param knownDialects the dialect names ({@code "pb"} turns the vocabulary on, any other does not)
     */
    protected Banana(boolean isClient, List<String> knownDialects) {
        this.isClient = isClient;
        this.knownDialects = List.copyOf(knownDialects);
    }

    /** Returns whether this is the client end. */
    public final boolean isClient() {
        return isClient;
    }

    /** Returns the dialect chosen, or null until negotiation is over. */
    public final @Nullable String currentDialect() {
        return currentDialect;
    }

    /**
     * Sets the prefix limit of both directions (Twisted's {@code setPrefixLimit}); see
     * {@link BananaDecoder#setPrefixLimit}.
     *
     * @param limit at least 1
     */
    public final void setPrefixLimit(int limit) {
        encoder.setPrefixLimit(limit);
        decoder().setPrefixLimit(limit);
        prefixLimit = limit;
    }

    /**
     * Sets the size limit on strings and lists of both directions; see {@link BananaDecoder#setSizeLimit}.
     *
     * @param limit at least 0
     */
    public final void setSizeLimit(int limit) {
        encoder.setSizeLimit(limit);
        decoder().setSizeLimit(limit);
        sizeLimit = limit;
    }

    /**
     * Sets the nesting limit of both directions; see {@link BananaDecoder#setMaxDepth}.
     *
     * @param limit at least 1
     */
    public final void setMaxDepth(int limit) {
        encoder.setMaxDepth(limit);
        decoder().setMaxDepth(limit);
        maxDepth = limit;
    }

    /** Sends the server's offer of dialects; a subclass that overrides it must call this one. */
    @Override
    public void connectionMade() {
        if (!isClient) {
            List<Object> offer = new ArrayList<>();
            for (String dialect : knownDialects) {
                offer.add(dialect.getBytes(StandardCharsets.UTF_8));
            }
            sendEncoded(offer);
        }
    }

    /** Decodes what arrived; a subclass that overrides it must call this one. */
    @Override
    public void dataReceived(ByteBuffer data) {
        if (broken) {
            data.position(data.limit());
            return;
        }
        feeding = true;
        try {
            decoder().feed(data);
        } catch (BananaError e) {
            data.position(data.limit());
            drop("bad Banana from {peer}: {error}", e.getMessage());
        } finally {
            feeding = false;
            flushGathered();
        }
    }

    /** Writes what was sent while a read was decoded, as one write. */
    private void flushGathered() {
        if (gathered.size() > 0) {
            byte[] bytes = gathered.toByteArray();
            gathered.reset();
            transport().write(ByteBuffer.wrap(bytes));
        }
    }

    /**
     * Closes the connection after writing what was sent before (also what waits to leave with the rest of a
     * read's answers). Subclasses close through this, never the transport's {@code loseConnection} directly.
     */
    public final void loseConnection() {
        flushGathered();
        transport().loseConnection();
    }

    /**
     * Called once the dialect is chosen, Twisted's {@code connectionReady}: the place to start talking.
     * Does nothing by default.
     */
    protected void connectionReady() {
    }

    /**
     * Called with each expression received after the dialect is chosen.
     *
     * @param expression a {@code Long}, {@code BigInteger}, {@code Double}, {@code byte[]} or
     *     {@code List<Object>} of these
     */
    protected abstract void expressionReceived(Object expression);

    /**
     * Encodes an expression and writes it to the transport (in the current dialect).
     *
     * @param expression the s-expression, as {@link BananaEncoder} takes them
     * @throws BananaError if it cannot be encoded; nothing is written then
     */
    public void sendEncoded(Object expression) {
        if (!feeding) {
            transport().write(ByteBuffer.wrap(encoder.encode(expression)));
            return;
        }
        int mark = gathered.size();
        try {
            encoder.encode(expression, gathered);   // an answer, or a call from a callback: leaves with the others
        } catch (RuntimeException e) {
            gathered.truncate(mark);
            throw e;
        }
    }

    private BananaDecoder decoder() {
        BananaDecoder current = decoder;
        if (current == null) {
            current = new BananaDecoder(this::callExpressionReceived)
                    .setPrefixLimit(prefixLimit).setSizeLimit(sizeLimit).setMaxDepth(maxDepth);
            decoder = current;
        }
        return current;
    }

    /** Returns the limit on the bytes of a number prefix. */
    public final int prefixLimit() {
        return prefixLimit;
    }

    /** Returns the limit on the bytes of a string and the items of a list. */
    public final int sizeLimit() {
        return sizeLimit;
    }

    /** Returns the limit on how deep lists nest. */
    public final int maxDepth() {
        return maxDepth;
    }

    private void callExpressionReceived(Object expression) {
        if (broken) {
            return;
        }
        if (currentDialect != null) {
            expressionReceived(expression);
            return;
        }
        if (isClient) {
            if (expression instanceof List<?> offered) {
                for (Object dialect : offered) {
                    String known = known(dialect);
                    if (known != null) {
                        sendEncoded(dialect);
                        selectDialect(known);
                        return;
                    }
                }
            }
            drop("the server {peer} offers no dialect this client speaks: {error}", describe(expression));
        } else {
            String known = known(expression);
            if (known == null) {
                drop("the client {peer} chose a dialect this server did not offer: {error}",
                        describe(expression));
            } else {
                selectDialect(known);
            }
        }
    }

    private @Nullable String known(Object dialect) {
        if (dialect instanceof byte[] bytes) {
            for (String known : knownDialects) {
                if (Arrays.equals(bytes, known.getBytes(StandardCharsets.UTF_8))) {
                    return known;
                }
            }
        }
        return null;
    }

    private static String describe(Object expression) {
        String text = expression instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.ISO_8859_1)
                : String.valueOf(expression);
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private void selectDialect(String dialect) {
        currentDialect = dialect;
        boolean pb = dialect.equals("pb");
        decoder().setVocabulary(pb);
        encoder.setVocabulary(pb);
        connectionReady();
    }

    private void drop(String format, @Nullable String error) {
        broken = true;
        LOG.info(format, "peer", transport().getPeer(), "error", Objects.toString(error));
        loseConnection();
    }
}
