package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.TCPTransport;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * The NNTP client protocol, as Twisted's {@code news.nntp.NNTPClient}, with Deferreds: each command returns a
 * Deferred of its parsed answer, and commands given before the previous one is answered wait their turn (one is
 * on the wire at a time), except CHECK and TAKETHIS, which stream (RFC 4644): up to {@link #MAX_PIPELINED} of
 * them are sent without waiting for the answers.
 *
 * <pre>{@code
 * NNTPClient nntp = new NNTPClient();
 * Endpoints.connectProtocol(endpoint, nntp);
 * nntp.greeting()
 *     .addCallbackDeferred(g -> nntp.fetchGroup("comp.lang.java"))
 *     .addCallbackDeferred(group -> nntp.over(new ArticleRange(group.low(), group.high())))
 *     .addCallbackDeferred(overview -> nntp.fetchArticle(overview.get(0).messageId()))
 *     .addCallbackDeferred(article -> nntp.quit());
 * }</pre>
 *
 * <h2>Answers</h2>
 * An answer other than the command's success code fails its Deferred with an {@link NntpError} holding the code
 * and text (Twisted calls {@code getXXXFailed} instead). Articles come back as their octets, dot-stuffing undone,
 * with CRLF line ends; overview lines as {@link OverviewEntry}s (whose {@code arrived} is the epoch: the wire does
 * not say). A lost connection fails every waiting command with the connection's reason.
 *
 * <h2>Limits</h2>
 * A line is at most {@value #MAX_LINE} octets and a multi-line answer at most {@link #setMaxResponseSize} octets
 * (default {@value #DEFAULT_MAX_RESPONSE}); past either the command fails and the connection is dropped.
 *
 * <p>Threading: reactor thread only.
 */
public final class NNTPClient extends LineReceiver {

    /** The longest line accepted, in octets. */
    public static final int MAX_LINE = 64 * 1024;
    /** How many CHECK and TAKETHIS commands may wait for their answers at once (RFC 4644 streaming). */
    public static final int MAX_PIPELINED = 64;
    /** The default largest multi-line answer, in octets. */
    public static final long DEFAULT_MAX_RESPONSE = 64L * 1024 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss", Locale.US)
            .withZone(ZoneOffset.UTC);

    /**
     * The greeting.
     *
     * @param postingAllowed whether the server said 200 (posting allowed) rather than 201
     * @param text the greeting line
     */
    public record Greeting(boolean postingAllowed, String text) {
    }

    /**
     * A group as GROUP answers it.
     *
     * @param count the estimated number of articles
     * @param low the lowest number
     * @param high the highest number
     * @param name the group's name
     */
    public record GroupInfo(long count, long low, long high, String name) {
    }

    /**
     * A group as LIST ACTIVE and NEWGROUPS list it.
     *
     * @param name the group's name
     * @param high the highest number
     * @param low the lowest number
     * @param status the posting status letter (y, n, m...)
     */
    public record GroupListing(String name, long high, long low, String status) {
    }

    /** A positive answer: its code, the rest of its first line, and for multi-line answers the block. */
    private record Answer(int code, String text, byte[] block) {
    }

    /** One command: its line, the codes that mean success, whether they bring a block, what to make of it. */
    private static final class Command {
        final @Nullable String line;
        final Set<Integer> success;
        final boolean multiLine;
        final Function<Answer, Object> parse;
        final Deferred<Object> result = new Deferred<>();
        /** For POST and IHAVE: the dot-stuffed article, sent on the 340 or 335 answer. */
        @Nullable byte[] followUp;
        int followUpCode;
        /** Whether it may be sent while other such commands wait for their answers (CHECK, TAKETHIS). */
        boolean pipelined;
        /** For TAKETHIS: the dot-stuffed article, sent right after the command line. */
        @Nullable byte[] inline;
        /** Run on success before the result fires: STARTTLS starts TLS here. */
        @Nullable Runnable onOk;

        Command(@Nullable String line, Set<Integer> success, boolean multiLine, Function<Answer, Object> parse) {
            this.line = line;
            this.success = success;
            this.multiLine = multiLine;
            this.parse = parse;
        }
    }

    private final Deque<Command> waiting = new ArrayDeque<>();
    /** The commands sent and not yet answered, oldest first: one, or several CHECK and TAKETHIS in a row. */
    private final Deque<Command> inFlight = new ArrayDeque<>();
    private final Command greeting;
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    private @Nullable Answer started;
    private long maxResponseSize = DEFAULT_MAX_RESPONSE;
    private @Nullable Failure lost;
    private boolean connected;
    private @Nullable DeflateLayer compression;

    /** Makes a client; connect it with an endpoint. */
    public NNTPClient() {
        greeting = new Command(null, Set.of(200, 201), false, answer -> new Greeting(answer.code() == 200,
                answer.code() + " " + answer.text()));
        inFlight.add(greeting);
        setMaxLength(MAX_LINE);
    }

    /**
     * Sets the largest multi-line answer accepted, in octets.
     *
     * @throws IllegalArgumentException if not positive
     */
    public void setMaxResponseSize(long octets) {
        if (octets < 1) {
            throw new IllegalArgumentException("the limit must be positive");
        }
        maxResponseSize = octets;
    }

    @Override
    public void connectionMade() {
        connected = true;
        if (transport() instanceof TCPTransport tcp) {
            tcp.setTcpNoDelay(true);   // streamed commands are small writes
        }
    }

    /** Returns a Deferred of the greeting, failing with {@link NntpError} if the server is not available. */
    public Deferred<Greeting> greeting() {
        Deferred<Greeting> copy = new Deferred<>();
        greeting.result.addCallbacks(value -> {
            copy.callback((Greeting) value);
            return value;
        }, failure -> {
            copy.errback(failure);
            return null;
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private <T> Deferred<T> send(Command command) {
        if (lost != null) {
            return Deferred.fail(lost);
        }
        waiting.add(command);
        sendNext();
        return (Deferred<T>) (Deferred<?>) command.result;
    }

    private <T> Deferred<T> send(String line, int success, boolean multiLine, Function<Answer, Object> parse) {
        return send(new Command(line, Set.of(success), multiLine, parse));
    }

    private void sendNext() {
        while (connected && lost == null && !waiting.isEmpty()) {
            Command next = Objects.requireNonNull(waiting.peek());
            if (!inFlight.isEmpty() && !(next.pipelined && inFlight.size() < MAX_PIPELINED
                    && inFlight.stream().allMatch(command -> command.pipelined))) {
                return;
            }
            waiting.poll();
            inFlight.add(next);
            sendLine(Objects.requireNonNull(next.line).getBytes(UTF_8));
            byte[] inline = next.inline;
            if (inline != null) {
                write(inline);
            }
        }
    }

    /** CAPABILITIES: the capability lines, each as sent (such as {@code LIST ACTIVE NEWSGROUPS}). */
    public Deferred<List<String>> capabilities() {
        return send("CAPABILITIES", 101, true, answer -> ClientAnswers.lines(answer.block()));
    }

    /** MODE READER: whether posting is allowed. */
    public Deferred<Boolean> modeReader() {
        return send(new Command("MODE READER", Set.of(200, 201), false, answer -> answer.code() == 200));
    }

    /** LIST ACTIVE, as Twisted's {@code fetchGroups}: every group with its numbers and status. */
    public Deferred<List<GroupListing>> fetchGroups() {
        return send("LIST ACTIVE", 215, true, answer -> ClientAnswers.listings(answer.block()));
    }

    /** LIST NEWSGROUPS: each group's description, by name. */
    public Deferred<Map<String, String>> fetchDescriptions() {
        return send("LIST NEWSGROUPS", 215, true, answer -> {
            Map<String, String> descriptions = new LinkedHashMap<>();
            for (String line : ClientAnswers.lines(answer.block())) {
                String[] parts = line.split("[ \t]+", 2);
                descriptions.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
            return descriptions;
        });
    }

    /** NEWGROUPS: the groups made at or after {@code since}. */
    public Deferred<List<GroupListing>> fetchNewGroups(Instant since) {
        return send("NEWGROUPS " + STAMP.format(since) + " GMT", 231, true, answer -> ClientAnswers.listings(answer.block()));
    }

    /** NEWNEWS: the Message-IDs of articles that arrived at or after {@code since} in the groups matched. */
    public Deferred<List<String>> fetchNewNews(String wildmat, Instant since) {
        return send("NEWNEWS " + wildmat + " " + STAMP.format(since) + " GMT", 230, true, answer -> ClientAnswers.lines(answer.block()));
    }

    /** GROUP, as Twisted's {@code fetchGroup}: selects the group and gives its numbers. */
    public Deferred<GroupInfo> fetchGroup(String group) {
        return send("GROUP " + group, 211, false, answer -> {
            String[] parts = answer.text().split(" +");
            return new GroupInfo(ClientAnswers.number(parts, 0), ClientAnswers.number(parts, 1),
                    ClientAnswers.number(parts, 2), parts.length > 3 ? parts[3] : group);
        });
    }

    /** LISTGROUP: selects the group and gives the numbers of its articles in a range. */
    public Deferred<List<Long>> listGroup(String group, ArticleRange range) {
        return send("LISTGROUP " + group + " " + range.encode(), 211, true, answer -> {
            List<Long> numbers = new ArrayList<>();
            for (String line : ClientAnswers.lines(answer.block())) {
                numbers.add(ClientAnswers.parseLong(line.strip()));
            }
            return numbers;
        });
    }

    /**
     * ARTICLE, as Twisted's {@code fetchArticle}.
     *
     * @param which a Message-ID, an article number, or empty for the current article
     * @return the article's octets
     */
    public Deferred<byte[]> fetchArticle(String which) {
        return send(ClientAnswers.spaced("ARTICLE", which), 220, true, Answer::block);
    }

    /** HEAD, as Twisted's {@code fetchHead}: the header's octets; {@code which} as for {@link #fetchArticle}. */
    public Deferred<byte[]> fetchHead(String which) {
        return send(ClientAnswers.spaced("HEAD", which), 221, true, Answer::block);
    }

    /** BODY, as Twisted's {@code fetchBody}: the body's octets; {@code which} as for {@link #fetchArticle}. */
    public Deferred<byte[]> fetchBody(String which) {
        return send(ClientAnswers.spaced("BODY", which), 222, true, Answer::block);
    }

    /** STAT: the Message-ID of an article; {@code which} as for {@link #fetchArticle}. */
    public Deferred<String> stat(String which) {
        return send(ClientAnswers.spaced("STAT", which), 223, false, answer -> ClientAnswers.word(answer.text(), 1));
    }

    /** NEXT: moves to the next article of the group; gives its Message-ID. */
    public Deferred<String> next() {
        return send("NEXT", 223, false, answer -> ClientAnswers.word(answer.text(), 1));
    }

    /** LAST: moves to the previous article of the group; gives its Message-ID. */
    public Deferred<String> last() {
        return send("LAST", 223, false, answer -> ClientAnswers.word(answer.text(), 1));
    }

    /** OVER: the overview of a range of the selected group. */
    public Deferred<List<OverviewEntry>> over(ArticleRange range) {
        return overview("OVER " + range.encode());
    }

    /** XOVER, as Twisted's {@code fetchOverview}, for servers without OVER. */
    public Deferred<List<OverviewEntry>> fetchOverview(ArticleRange range) {
        return overview("XOVER " + range.encode());
    }

    private Deferred<List<OverviewEntry>> overview(String line) {
        return send(line, 224, true, answer -> ClientAnswers.overview(answer.block()));
    }

    /** HDR: one field (or {@code :bytes}, {@code :lines}) of a range of the selected group, by article number. */
    public Deferred<Map<Long, String>> hdr(String field, ArticleRange range) {
        return headers("HDR", 225, field, range);
    }

    /** XHDR, as Twisted's {@code fetchXHeader}, for servers without HDR. */
    public Deferred<Map<Long, String>> fetchXHeader(String field, ArticleRange range) {
        return headers("XHDR", 221, field, range);
    }

    private Deferred<Map<Long, String>> headers(String keyword, int code, String field, ArticleRange range) {
        return send(keyword + " " + field + " " + range.encode(), code, true,
                answer -> ClientAnswers.headerValues(answer.block()));
    }

    /** DATE: the server's time. */
    public Deferred<Instant> date() {
        return send("DATE", 111, false, answer -> {
            try {
                return LocalDateTime.parse(answer.text().strip(), DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.US))
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new NntpError(111, "Malformed DATE answer: " + answer.text());
            }
        });
    }

    /**
     * POST, as Twisted's {@code postArticle}: sends the article (dot-stuffed here) after the server's 340.
     *
     * @param article the article's octets: header, empty line, body
     * @return fires with null on 240; fails with {@link NntpError} on 440 or 441
     */
    public Deferred<@Nullable Void> postArticle(byte[] article) {
        return transfer("POST", 340, 240, article);
    }

    /**
     * IHAVE: offers an article by Message-ID and sends it after 335.
     *
     * @param messageId its Message-ID
     * @param article its octets
     * @return fires with null on 235; fails with {@link NntpError} on 435, 436 or 437
     */
    public Deferred<@Nullable Void> ihave(String messageId, byte[] article) {
        return transfer("IHAVE " + messageId, 335, 235, article);
    }

    /** MODE STREAM (RFC 4644): fires with null on 203. */
    public Deferred<@Nullable Void> modeStream() {
        return send("MODE STREAM", 203, false, answer -> null);
    }

    /**
     * CHECK (RFC 4644): whether the server wants an article.
     *
     * @param messageId its Message-ID
     * @return true on 238, false on 438; fails with {@link NntpError} on 431 (try later) or another answer
     */
    public Deferred<Boolean> check(String messageId) {
        Command command = new Command("CHECK " + messageId, Set.of(238, 438), false, answer -> answer.code() == 238);
        command.pipelined = true;
        return send(command);
    }

    /**
     * TAKETHIS (RFC 4644): sends an article without waiting to be asked.
     *
     * @param messageId its Message-ID
     * @param article its octets
     * @return true on 239 (taken), false on 439 (refused); fails with {@link NntpError} on another answer
     */
    public Deferred<Boolean> takeThis(String messageId, byte[] article) {
        Command command = new Command("TAKETHIS " + messageId, Set.of(239, 439), false, answer -> answer.code() == 239);
        command.inline = DotStuffing.encode(article);
        command.pipelined = true;
        return send(command);
    }

    private Deferred<@Nullable Void> transfer(String line, int proceed, int done, byte[] article) {
        Command command = new Command(line, Set.of(done), false, answer -> null);
        command.followUp = DotStuffing.encode(article);
        command.followUpCode = proceed;
        return send(command);
    }

    /**
     * STARTTLS (RFC 4642): on 382 the connection turns to TLS with {@code options}, before anything else is sent.
     * Send CAPABILITIES again afterwards: the server's may have changed.
     *
     * @param options the client's TLS options (trust, server name)
     * @return fires with null once TLS is started; fails with {@link NntpError} (502, 580) if refused
     */
    public Deferred<@Nullable Void> startTLS(TlsOptions options) {
        Objects.requireNonNull(options, "options");
        Command command = new Command("STARTTLS", Set.of(382), false, answer -> null);
        command.onOk = () -> ((TlsUpgradable) transport()).startTLS(options, true);
        return send(command);
    }

    /**
     * AUTHINFO USER, then AUTHINFO PASS when the server asks for it (RFC 4643). The password goes as it is: start
     * TLS first unless the connection is private.
     *
     * @param user the user name
     * @param password the password
     * @return fires with null on 281; fails with {@link NntpError} (481, 482, 483, 502) otherwise
     */
    public Deferred<@Nullable Void> authenticate(String user, String password) {
        Command command = new Command("AUTHINFO USER " + user, Set.of(281), false, answer -> null);
        command.followUp = ("AUTHINFO PASS " + password + "\r\n").getBytes(UTF_8);
        command.followUpCode = 381;
        return send(command);
    }

    /**
     * AUTHINFO SASL PLAIN (RFC 4643 §2.4, RFC 4616) with the credentials as the initial response. The password
     * goes as it is (base64 is not encryption): start TLS first unless the connection is private.
     *
     * @param user the user name
     * @param password the password
     * @return fires with null on 281; fails with {@link NntpError} (481, 483, 502, 503, 504) otherwise
     */
    public Deferred<@Nullable Void> authenticatePlain(String user, String password) {
        String message = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(UTF_8));
        return send(new Command("AUTHINFO SASL PLAIN " + message, Set.of(281), false, answer -> null));
    }

    /**
     * COMPRESS DEFLATE (RFC 8054): on 206 both directions are compressed from the next octet on. Start TLS first,
     * if at all: STARTTLS is not allowed once compression is active. Send CAPABILITIES again afterwards.
     *
     * @return fires with null once compression is active; fails with {@link NntpError} (403, 480, 502, 503) if
     *     refused
     */
    public Deferred<@Nullable Void> compress() {
        Command command = new Command("COMPRESS DEFLATE", Set.of(206), false, answer -> null);
        command.onOk = () -> compression = new DeflateLayer(DeflateLayer.DEFAULT_MAX_INFLATED);
        return send(command);
    }

    /** Returns whether COMPRESS is active on this connection. */
    public boolean isCompressed() {
        return compression != null;
    }

    /** Sends a line, compressed once COMPRESS is active. */
    @Override
    public void sendLine(byte[] line) {
        DeflateLayer layer = compression;
        if (layer == null) {
            super.sendLine(line);
        } else {
            transport().write(layer.deflate(List.of(ByteBuffer.wrap(line), ByteBuffer.wrap(CRLF))));
        }
    }

    private void write(byte[] data) {
        DeflateLayer layer = compression;
        transport().write(layer == null ? ByteBuffer.wrap(data) : layer.deflate(List.of(ByteBuffer.wrap(data))));
    }

    /** Inflates what arrives once COMPRESS is active; a bomb or a broken stream ends the session. */
    @Override
    public void dataReceived(ByteBuffer data) {
        DeflateLayer layer = compression;
        if (layer == null) {
            super.dataReceived(data);
            return;
        }
        if (lost != null) {
            return;
        }
        ByteBuffer plain;
        try {
            plain = layer.inflate(data);
        } catch (DataFormatException e) {
            abort(new NntpError(0, "The server's compressed stream " + e.getMessage()));
            return;
        }
        super.dataReceived(plain);
    }

    /** QUIT, as Twisted's {@code quit}: fires when the server says goodbye. */
    public Deferred<@Nullable Void> quit() {
        return send("QUIT", 205, false, answer -> null);
    }

    @Override
    protected void lineReceived(byte[] line) {
        Command command = inFlight.peek();
        if (command == null) {
            abort(new NntpError(0, "Unexpected line from the server: "
                    + Article.shorten(new String(line, ISO_8859_1))));
            return;
        }
        Answer first = started;
        if (first != null) {
            if (DotStuffing.isTerminator(line)) {
                started = null;
                finish(command, new Answer(first.code(), first.text(), block.toByteArray()));
                block.reset();
                return;
            }
            int from = DotStuffing.unstuff(line);
            if ((long) block.size() + line.length + 2 > maxResponseSize) {
                abort(new NntpError(first.code(), "Answer over " + maxResponseSize + " octets"));
                return;
            }
            block.write(line, from, line.length - from);
            block.write('\r');
            block.write('\n');
            return;
        }
        String text = new String(line, ISO_8859_1);
        int code = text.length() >= 3 ? statusCode(text) : -1;
        if (code < 0) {
            abort(new NntpError(0, "Malformed response: " + Article.shorten(text)));
            return;
        }
        String rest = text.length() > 4 ? text.substring(4) : "";
        byte[] followUp = command.followUp;
        if (followUp != null && code == command.followUpCode) {
            command.followUp = null;
            write(followUp);
            return;
        }
        if (!command.success.contains(code)) {
            inFlight.poll();
            command.result.errback(new NntpError(code, text));
            sendNext();
            return;
        }
        if (command.multiLine) {
            started = new Answer(code, rest, new byte[0]);
            return;
        }
        finish(command, new Answer(code, rest, new byte[0]));
    }

    private static int statusCode(String text) {
        for (int i = 0; i < 3; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return text.length() == 3 || text.charAt(3) == ' ' ? Integer.parseInt(text.substring(0, 3)) : -1;
    }

    private void finish(Command command, Answer answer) {
        inFlight.poll();
        Object value;
        try {
            value = command.parse.apply(answer);
            Runnable onOk = command.onOk;
            if (onOk != null) {
                onOk.run();
            }
        } catch (RuntimeException e) {
            command.result.errback(e);
            sendNext();
            return;
        }
        command.result.callback(value);
        sendNext();
    }

    /** Closes the connection if it is open, failing what waits; for callers giving up on the session. */
    void close() {
        if (connected && lost == null) {
            transport().loseConnection();
        }
    }

    @Override
    protected void lineLengthExceeded(byte[] line) {
        abort(new NntpError(0, "Line over " + MAX_LINE + " octets"));
    }

    private void abort(NntpError error) {
        Failure failure = new Failure(error);
        failAll(failure);
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        DeflateLayer layer = compression;
        if (layer != null) {
            layer.end();
        }
        failAll(reason.value() instanceof ConnectionDone ? new Failure(new NntpError(0, "Connection closed")) : reason);
    }

    private void failAll(Failure reason) {
        if (lost != null) {
            return;
        }
        lost = reason;
        while (!inFlight.isEmpty()) {
            Command command = inFlight.poll();
            if (!command.result.isCalled()) {
                command.result.errback(reason);
            }
        }
        while (!waiting.isEmpty()) {
            waiting.poll().result.errback(reason);
        }
    }
}
