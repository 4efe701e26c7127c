package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.DataFormatException;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.logger.Logger;
import org.twisted4j.protocols.basic.LineReceiver;
import org.twisted4j.protocols.policies.IdleTimeout;

/**
 * One NNTP session (RFC 3977), as Twisted's {@code news.NNTPServer}: the reader commands (CAPABILITIES, MODE
 * READER, GROUP, LISTGROUP, LAST, NEXT, ARTICLE, HEAD, BODY, STAT, NEWGROUPS, NEWNEWS, LIST and its ACTIVE,
 * ACTIVE.TIMES, HEADERS, NEWSGROUPS and OVERVIEW.FMT variants, OVER/XOVER, HDR/XHDR, POST, DATE, HELP, QUIT)
 * IHAVE and the streaming MODE STREAM, CHECK and TAKETHIS (RFC 4644), answered from the factory's {@link NewsStorage}; STARTTLS (RFC 4642) and AUTHINFO USER/PASS
 * (RFC 4643, through cred) when the factory is given TLS options and a portal; COMPRESS DEFLATE (RFC 8054), after
 * STARTTLS or without it (STARTTLS is refused with 502 once compression is active; 206 starts it, 502 when it is
 * active already, 503 for another algorithm, 403 when a command was pipelined after it). What a compressed
 * connection sends may inflate to at most {@link NntpServerFactory#maxInflated()} octets a read: a bomb drops it.
 *
 * <h2>Answers to bad input</h2>
 * An unknown command gets 500, bad arguments 501, a command line over {@link NntpCommand#MAX_LINE} octets 500;
 * an article over the size limit, or with a line over the line limit, is read to its end and refused with 441
 * (POST), 437 (IHAVE) or 439 (TAKETHIS), as is one whose header does not parse or lacks a required field; a Message-ID already
 * stored is 435 or 438 when offered and 437, 439 or 441 when sent. The connection stays open; an idle one is closed after
 * the factory's timeout with 400. A storage failure is logged once and answered with 403 (441 or 436 for
 * articles).
 *
 * <h2>Pipelining</h2>
 * While the storage answers a command, lines received after it wait (the transport is paused), so answers go
 * out in the order of the commands.
 *
 * <p>Threading: reactor thread only.
 */
public final class NntpServer extends LineReceiver {

    private static final Logger log = new Logger("news");
    private static final byte[] CRLF = {'\r', '\n'};
    /** The answers held back while lines are handled, sent together in one gathering write by {@link #flush}. */
    private final List<ByteBuffer> held = new ArrayList<>();
    /** How deep in {@link #holding} the server is: above 0, answers are held back. */
    private int holdDepth;

    /** What an awaited storage answer is used for. */
    @FunctionalInterface
    interface Step<T> {
        void accept(T value) throws Exception;
    }

    private final NntpServerFactory config;
    private final ArticleCommands articles;
    private final SecurityCommands security;
    private final TransferCommands transfers;
    private NewsStorage storage;
    private @Nullable String group;
    private long current;
    private boolean discardingLine;
    private int pending;
    private boolean closed;
    private @Nullable IdleTimeout idle;
    private @Nullable DeflateLayer compression;

    /**
     * Makes the protocol; {@link NntpServerFactory#buildProtocol} calls this.
     *
     * @param config the factory with the storage and settings
     */
    public NntpServer(NntpServerFactory config) {
        this.config = config;
        this.articles = new ArticleCommands(this);
        this.security = new SecurityCommands(this);
        this.transfers = new TransferCommands(this);
        this.storage = config.storage();
        setMaxLength(config.maxArticleLine());
    }

    @Override
    public void connectionMade() {
        if (transport() instanceof TCPTransport tcp) {
            // Streamed answers (238, 239...) are small writes that Nagle's algorithm would hold back.
            tcp.setTcpNoDelay(true);
        }
        if (config.timeout() > 0) {
            IdleTimeout timeout = new IdleTimeout(config.clock(), this::timedOut);
            timeout.setTimeout(config.timeout());
            idle = timeout;
        }
        reply(config.postingAllowed() ? "200 twisted4j NNTP server ready, posting allowed"
                : "201 twisted4j NNTP server ready, no posting");
    }

    @Override
    public void connectionLost(Failure reason) {
        closed = true;
        if (idle != null) {
            idle.cancel();
        }
        DeflateLayer layer = compression;
        if (layer != null) {
            layer.end();
        }
        security.logout();
    }

    /** Inflates what arrives once COMPRESS is active; a bomb or a broken stream drops the connection. */
    @Override
    public void dataReceived(ByteBuffer data) {
        holding(() -> receive(data));
    }

    /**
     * Runs {@code work} holding back the answers it writes, then sends them in one write: a read of many
     * streamed commands is answered with one system call rather than one per answer.
     */
    private void holding(Runnable work) {
        holdDepth++;
        try {
            work.run();
        } finally {
            if (--holdDepth == 0) {
                flush();
            }
        }
    }

    /** Sends the answers held back; before STARTTLS and closing, so that they go out first and in the plain. */
    void flush() {
        if (!held.isEmpty()) {
            List<ByteBuffer> answers = List.copyOf(held);
            held.clear();
            transport().writeSequence(answers);
        }
    }

    private void send(List<ByteBuffer> parts) {
        if (holdDepth > 0) {
            held.addAll(parts);
        } else {
            transport().writeSequence(parts);
        }
    }

    private void receive(ByteBuffer data) {
        DeflateLayer layer = compression;
        if (layer == null) {
            super.dataReceived(data);
            return;
        }
        if (closed) {
            return;
        }
        ByteBuffer plain;
        try {
            plain = layer.inflate(data);
        } catch (DataFormatException e) {
            log.warn("{peer}: dropping the connection: its compressed stream {error}", "peer", transport().getPeer(),
                    "error", e.getMessage());
            closed = true;
            transport().abortConnection();
            return;
        }
        super.dataReceived(plain);
    }

    /** Returns whether COMPRESS is active (STARTTLS is then refused, RFC 8054 §2.2.2). */
    boolean compressed() {
        return compression != null;
    }

    private void compress(NntpCommand command) throws NntpSyntaxException {
        arguments(command, 1, 1);
        if (compression != null) {
            reply("502 Compression already active");
        } else if (!config.compressionAllowed()) {
            reply("502 Compression not available");
        } else if (!command.args().get(0).equalsIgnoreCase("DEFLATE")) {
            reply("503 Compression algorithm not supported");
        } else if (pendingOctets() > 0) {
            // Nothing may follow COMPRESS before its answer: such octets would be read as plain that were sent
            // compressed.
            reply("403 Command pipelined after COMPRESS");
            close();
        } else {
            reply("206 Compression active");
            compression = new DeflateLayer(config.maxInflated());
        }
    }

    private void timedOut() {
        reply("400 Idle timeout, closing connection");
        close();
    }

    private void close() {
        flush();
        closed = true;
        transport().loseConnection();
    }

    NntpServerFactory config() {
        return config;
    }

    /** Returns the storage this session reads and posts to: the factory's, or the logged-in user's. */
    NewsStorage storage() {
        return storage;
    }

    /** Switches to a logged-in user's storage; the selected group and article are forgotten. */
    void useStorage(NewsStorage userStorage) {
        storage = userStorage;
        resetSelection();
    }

    /** Forgets the selected group and article (after STARTTLS or a login, RFC 4642 §2.2.2, RFC 4643 §2.2). */
    void resetSelection() {
        group = null;
        current = 0;
    }

    /** Returns how many received octets wait behind the current command. */
    int pendingOctets() {
        return bufferedBytes();
    }

    /** Closes the connection and answers nothing more. */
    void closeNow() {
        close();
    }

    @Nullable String selectedGroup() {
        return group;
    }

    long currentArticle() {
        return current;
    }

    void select(String name, long article) {
        group = name;
        current = article;
    }

    void setCurrent(long article) {
        current = article;
    }

    @Override
    protected void lineLengthExceeded(byte[] rest) {
        if (transfers.receiving()) {
            transfers.lineTooLong(maxLength());
        } else {
            reply("500 Line too long");
        }
        int end = indexOfCrlf(rest);
        if (end < 0) {
            discardingLine = true;
        } else if (end + 2 < rest.length) {
            setLineMode(ByteBuffer.wrap(rest, end + 2, rest.length - end - 2));
        }
    }

    private static int indexOfCrlf(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected void lineReceived(byte[] line) {
        if (closed) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        if (discardingLine) {
            discardingLine = false;
            return;
        }
        if (transfers.receiving()) {
            transfers.line(line);
            return;
        }
        if (security.awaitingResponse()) {
            security.response(line);
            return;
        }
        try {
            dispatch(NntpCommand.parse(line, NntpCommand.MAX_LINE - 2));
        } catch (NntpSyntaxException e) {
            reply(e.replyCode() + " " + e.getMessage());
        }
    }

    private void dispatch(NntpCommand command) throws NntpSyntaxException {
        if (security.loginNeededFor(command.keyword())) {
            reply("480 Authentication required");
            return;
        }
        switch (command.keyword()) {
            case "CAPABILITIES" -> {
                arguments(command, 0, 1);
                List<String> extensions = new ArrayList<>(security.capabilities());
                if (compression == null && config.compressionAllowed()) {
                    extensions.add("COMPRESS DEFLATE");
                }
                block("101 Capability list:", Listings.capabilities(config.postingAllowed(), extensions));
            }
            case "STARTTLS" -> security.startTls(command);
            case "COMPRESS" -> compress(command);
            case "AUTHINFO" -> security.authinfo(command);
            case "MODE" -> {
                arguments(command, 1, 1);
                String mode = command.args().get(0).toUpperCase(Locale.ROOT);
                switch (mode) {
                    case "READER" -> reply(config.postingAllowed() ? "200 Posting allowed" : "201 Posting prohibited");
                    case "STREAM" -> reply("203 Streaming permitted");
                    default -> throw new NntpSyntaxException(501, "Unknown MODE variant");
                }
            }
            case "QUIT" -> {
                reply("205 Connection closing");
                close();
            }
            case "DATE" -> {
                arguments(command, 0, 0);
                reply("111 " + NntpDates.stamp(config.wallClock().instant()));
            }
            case "HELP" -> block("100 Help text follows", Listings.help());
            case "GROUP" -> articles.group(command);
            case "LISTGROUP" -> articles.listGroup(command);
            case "NEXT", "LAST" -> {
                arguments(command, 0, 0);
                articles.move(command.keyword().equals("NEXT"));
            }
            case "ARTICLE", "HEAD", "BODY", "STAT" -> articles.article(command);
            case "OVER", "XOVER" -> articles.over(command);
            case "HDR", "XHDR" -> articles.hdr(command);
            case "LIST" -> list(command);
            case "NEWGROUPS" -> newGroups(command);
            case "NEWNEWS" -> newNews(command);
            case "POST" -> transfers.post(command);
            case "IHAVE" -> transfers.ihave(command);
            case "CHECK" -> transfers.check(command);
            case "TAKETHIS" -> transfers.takeThis(command);
            default -> reply("500 Unknown command");
        }
    }

    /** Checks a command's argument count; throws 501 if it is out of bounds. */
    static void arguments(NntpCommand command, int min, int max) throws NntpSyntaxException {
        int count = command.args().size();
        if (count < min || count > max) {
            throw new NntpSyntaxException(501, "Syntax error in " + command.keyword() + " arguments");
        }
    }

    private void list(NntpCommand command) throws NntpSyntaxException {
        arguments(command, 0, 2);
        String keyword = command.args().isEmpty() ? "ACTIVE" : command.args().get(0).toUpperCase(Locale.ROOT);
        String argument = command.arg(1);
        switch (keyword) {
            case "ACTIVE", "NEWSGROUPS", "ACTIVE.TIMES" -> {
                Wildmat wildmat = argument == null ? Wildmat.all() : Wildmat.parse(argument);
                await(storage.listGroups(), groups -> block("215 Information follows", switch (keyword) {
                    case "ACTIVE" -> Listings.active(groups, g -> wildmat.matches(g.name()));
                    case "NEWSGROUPS" -> Listings.newsgroups(groups, wildmat);
                    default -> Listings.activeTimes(groups, wildmat, config.serverName());
                }));
            }
            case "OVERVIEW.FMT" -> {
                arguments(command, 1, 1);
                block("215 Order of fields in overview database", Listings.overviewFormat());
            }
            case "HEADERS" -> {
                if (argument != null && !argument.equalsIgnoreCase("MSGID") && !argument.equalsIgnoreCase("RANGE")) {
                    throw new NntpSyntaxException(501, "LIST HEADERS takes MSGID or RANGE");
                }
                block("215 Headers and metadata items supported", Listings.headers());
            }
            default -> throw new NntpSyntaxException(501, "Unknown LIST keyword");
        }
    }

    private void newGroups(NntpCommand command) throws NntpSyntaxException {
        arguments(command, 2, 3);
        Instant since = since(command, 0);
        await(storage.listGroups(), groups -> block("231 List of new newsgroups follows",
                Listings.active(groups, g -> !g.created().isBefore(since))));
    }

    private void newNews(NntpCommand command) throws NntpSyntaxException {
        arguments(command, 3, 4);
        Wildmat wildmat = Wildmat.parse(command.args().get(0));
        Instant since = since(command, 1);
        await(storage.newNews(wildmat, since), ids -> block("230 List of new articles follows",
                DotStuffing.encode(String.join("\n", ids).getBytes(ISO_8859_1))));
    }

    private Instant since(NntpCommand command, int at) throws NntpSyntaxException {
        String zone = command.arg(at + 2);
        if (zone != null && !zone.equals("GMT")) {
            throw new NntpSyntaxException(501, "The only time zone is GMT");
        }
        return NntpDates.argument(command.args().get(at), command.args().get(at + 1), config.wallClock().instant());
    }

    /**
     * Runs {@code then} with the storage's answer, holding back the lines received meanwhile; a failure is logged
     * and answered with 403.
     */
    <T> void await(Deferred<T> deferred, Step<? super T> then) {
        // A storage that answers at once (the file store) is answered at once, without pausing the transport.
        boolean later = !deferred.isCalled() || deferred.isPaused();
        if (later) {
            pending++;
            pauseProducing();
        }
        deferred.addCallbacks(value -> {
            holding(() -> {
                if (!closed) {
                    try {
                        then.accept(value);
                    } catch (Exception e) {
                        internalFault(new Failure(e));
                    }
                }
                if (later) {
                    done();
                }
            });
            return null;
        }, failure -> {
            holding(() -> {
                if (!closed) {
                    internalFault(failure);
                }
                if (later) {
                    done();
                }
            });
            return null;
        });
    }

    private void internalFault(Failure failure) {
        log.failure("the news storage failed", failure);
        reply("403 Internal fault");
    }

    private void done() {
        if (--pending == 0 && !closed) {
            resumeProducing();
        }
    }

    /** Sends a one-line response. */
    void reply(String line) {
        sendLine(line);
    }

    /** Sends a line, compressed once COMPRESS is active. */
    @Override
    public void sendLine(byte[] line) {
        DeflateLayer layer = compression;
        List<ByteBuffer> parts = List.of(ByteBuffer.wrap(line), ByteBuffer.wrap(CRLF));
        send(layer == null ? parts : List.of(layer.deflate(parts)));
    }

    /** Sends a response line followed by a block already framed by {@link DotStuffing#encode}. */
    void block(String status, byte[] framed) {
        List<ByteBuffer> parts = List.of(ByteBuffer.wrap((status + "\r\n").getBytes(UTF_8)), ByteBuffer.wrap(framed));
        DeflateLayer layer = compression;
        send(layer == null ? parts : List.of(layer.deflate(parts)));
    }

    /** Sends a response line followed by lines (ISO-8859-1 text, as header octets are) as a block. */
    void block(String status, List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        block(status, DotStuffing.encode(text.toString().getBytes(ISO_8859_1)));
    }

    @Override
    public String toString() {
        return "NntpServer(" + Objects.requireNonNullElse(group, "no group") + ", article " + current + ")";
    }
}
