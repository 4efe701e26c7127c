package org.twisted4j.mail.pop3;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * The POP3 client protocol, as Twisted's {@code pop3client.POP3Client}: each command returns a Deferred of its
 * answer; commands given before the previous one is answered wait their turn (they are sent one at a time).
 *
 * <pre>{@code
 * Pop3Client pop = new Pop3Client();
 * Endpoints.connectProtocol(endpoint, pop);
 * pop.greeting()
 *     .addCallbackDeferred(g -> pop.startTLS(clientTlsOptions))
 *     .addCallbackDeferred(ok -> pop.login("bob", "secret"))
 *     .addCallbackDeferred(ok -> pop.listUidl())
 *     .addCallbackDeferred(uids -> pop.retrieve(0))       // 0-based, as Twisted's
 *     .addCallbackDeferred(message -> pop.quit());
 * }</pre>
 *
 * <h2>Indices and answers</h2>
 * Messages are numbered from 0, as in Twisted's client (the wire's numbers are one more). Multi-line answers are
 * dot-unstuffed; {@link #retrieve} and {@link #top} give the message's bytes with CRLF line ends. A {@code -ERR}
 * answer fails the command's Deferred with a {@link Pop3ServerError} holding its text; a lost connection fails
 * every waiting command with the connection's reason.
 *
 * <h2>Logging in</h2>
 * {@link #login} uses APOP when the greeting carries a challenge, else USER/PASS, which it refuses to send in the
 * clear (failing with {@link InsecureLoginError}) unless TLS is on or {@link #setAllowInsecureLogin} says so.
 *
 * <h2>Limits</h2>
 * A line is at most {@value #MAX_LINE} bytes and a multi-line answer at most {@link #setMaxResponseSize} bytes
 * (default {@value #DEFAULT_MAX_RESPONSE}); past either the connection is dropped and the commands fail.
 *
 * <p>Threading: reactor thread only.
 */
public final class Pop3Client extends Protocol {

    /** The longest line accepted, in bytes. */
    public static final int MAX_LINE = 64 * 1024;
    /** The default largest multi-line answer, in bytes. */
    public static final long DEFAULT_MAX_RESPONSE = 64L * 1024 * 1024;

    private static final Pattern CHALLENGE = Pattern.compile("<[^<>]+@[^<>]+>");

    /** A {@code -ERR} answer. */
    public static final class Pop3ServerError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Makes it with the answer's text. */
        public Pop3ServerError(String text) {
            super(text);
        }
    }

    /** USER/PASS refused because the password would go in the clear. */
    public static final class InsecureLoginError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Makes it. */
        public InsecureLoginError() {
            super("USER/PASS without TLS is not allowed; start TLS or allow insecure login");
        }
    }

    /**
     * The answer to STAT.
     *
     * @param count how many messages
     * @param size their total size in octets
     */
    public record Stat(int count, long size) {
    }

    /** One command: its line, whether its answer has more lines, and what to make of the answer. */
    private static final class Command {
        final @Nullable String line;
        final boolean multiLine;
        final Function<Answer, Object> parse;
        final Deferred<Object> result = new Deferred<>();
        final @Nullable Runnable onOk;

        Command(@Nullable String line, boolean multiLine, Function<Answer, Object> parse, @Nullable Runnable onOk) {
            this.line = line;
            this.multiLine = multiLine;
            this.parse = parse;
            this.onOk = onOk;
        }
    }

    /** A positive answer: its first line's text and, for multi-line answers, the body. */
    private record Answer(String text, byte[] body) {
    }

    private final Deque<Command> waiting = new ArrayDeque<>();
    private @Nullable Command current;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private @Nullable String firstLine;
    private final Command greeting;
    private @Nullable String challenge;
    private boolean tls;
    private boolean allowInsecureLogin;
    private long maxResponseSize = DEFAULT_MAX_RESPONSE;
    private @Nullable Failure lost;
    private boolean connected;

    /** Makes a client; connect it with an endpoint. */
    public Pop3Client() {
        greeting = new Command(null, false, answer -> answer.text(), null);
        current = greeting;
    }

    /** Allows USER/PASS without TLS (default: not allowed). */
    public void setAllowInsecureLogin(boolean allowed) {
        allowInsecureLogin = allowed;
    }

    /** Sets the largest multi-line answer accepted, in bytes. */
    public void setMaxResponseSize(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the limit must be positive");
        }
        maxResponseSize = bytes;
    }

    /** Returns the APOP challenge of the greeting, or null if there was none (or no greeting yet). */
    public @Nullable String challenge() {
        return challenge;
    }

    /** Returns a Deferred of the greeting's text, failing if the server greets with {@code -ERR}. */
    @SuppressWarnings("unchecked")
    public Deferred<String> greeting() {
        Deferred<String> copy = new Deferred<>();
        greeting.result.addCallbacks(value -> {
            copy.callback((String) value);
            return value;
        }, failure -> {
            copy.errback(failure);
            return null;
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private <T> Deferred<T> send(String commandLine, boolean multiLine, Function<Answer, Object> parse,
            @Nullable Runnable onOk) {
        Command command = new Command(commandLine, multiLine, parse, onOk);
        if (lost != null) {
            return Deferred.fail(lost);
        }
        waiting.add(command);
        sendNext();
        return (Deferred<T>) (Deferred<?>) command.result;
    }

    private void sendNext() {
        if (current != null || waiting.isEmpty() || !connected) {
            return;
        }
        current = waiting.poll();
        transport().write(ByteBuffer.wrap((current.line + "\r\n").getBytes(UTF_8)));
    }

    /** CAPA: a Deferred of the capabilities, each name (upper case) with its arguments. */
    public Deferred<Map<String, List<String>>> capabilities() {
        return send("CAPA", true, answer -> {
            Map<String, List<String>> capabilities = new LinkedHashMap<>();
            for (String capability : new String(answer.body(), UTF_8).split("\r\n")) {
                String[] words = capability.strip().split("\\s+");
                if (!words[0].isEmpty()) {
                    capabilities.put(words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length));
                }
            }
            return capabilities;
        }, null);
    }

    /** STLS, then TLS on this connection: a Deferred firing once the server said yes (the handshake follows). */
    public Deferred<String> startTLS(TlsOptions options) {
        Objects.requireNonNull(options, "options");
        return send("STLS", false, Answer::text, () -> {
            ((TlsUpgradable) transport()).startTLS(options, true);
            tls = true;
        });
    }

    /** Logs in: APOP when the server offered a challenge, else USER/PASS (see the class's notes). */
    public Deferred<String> login(String user, String password) {
        if (challenge != null) {
            return apop(user, password);
        }
        if (!tls && !allowInsecureLogin) {
            return Deferred.fail(new InsecureLoginError());
        }
        return this.user(user).addCallbackDeferred(ok -> pass(password));
    }

    /** APOP with the MD5 digest of the greeting's challenge and the secret. */
    public Deferred<String> apop(String user, String secret) {
        if (challenge == null) {
            return Deferred.fail(new Pop3ServerError("the server offered no APOP challenge"));
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((challenge + secret).getBytes(UTF_8));
            return send("APOP " + user + " " + HexFormat.of().formatHex(digest), false, Answer::text, null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** USER. */
    public Deferred<String> user(String user) {
        return send("USER " + user, false, Answer::text, null);
    }

    /** PASS. */
    public Deferred<String> pass(String password) {
        return send("PASS " + password, false, Answer::text, null);
    }

    /** STAT. */
    public Deferred<Stat> stat() {
        return send("STAT", false, answer -> {
            String[] words = answer.text().strip().split("\\s+");
            try {
                return new Stat(Integer.parseInt(words[0]), Long.parseLong(words[1]));
            } catch (RuntimeException e) {
                throw new Pop3ServerError("malformed STAT answer: " + answer.text());
            }
        }, null);
    }

    /** LIST: a Deferred of each message's size, by 0-based index ({@code -1} for a deleted one). */
    public Deferred<List<Long>> listSize() {
        return send("LIST", true, answer -> listing(answer, Long::parseLong, -1L), null);
    }

    /** UIDL: a Deferred of each message's unique id, by 0-based index (null for a deleted one). */
    public Deferred<List<@Nullable String>> listUidl() {
        return send("UIDL", true, answer -> listing(answer, s -> s, null), null);
    }

    private static <T> List<T> listing(Answer answer, Function<String, T> value, T missing) {
        List<T> values = new ArrayList<>();
        for (String entry : new String(answer.body(), UTF_8).split("\r\n")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] words = entry.strip().split("\\s+", 2);
            int number;
            try {
                number = Integer.parseInt(words[0]);
                if (number < 1 || number > 1_000_000 || words.length < 2) {
                    throw new NumberFormatException();
                }
                T parsed = value.apply(words[1].strip());
                while (values.size() < number) {
                    values.add(missing);
                }
                values.set(number - 1, parsed);
            } catch (NumberFormatException e) {
                throw new Pop3ServerError("malformed listing line: " + entry);
            }
        }
        return values;
    }

    /** RETR: a Deferred of the message (0-based index), CRLF line ends, dot-unstuffed. */
    public Deferred<byte[]> retrieve(int index) {
        return send("RETR " + (index + 1), true, Answer::body, null);
    }

    /** TOP: a Deferred of the headers and the first {@code lines} lines of the body. */
    public Deferred<byte[]> top(int index, int lines) {
        return send("TOP " + (index + 1) + " " + lines, true, Answer::body, null);
    }

    /** DELE (0-based index); the server deletes at QUIT. */
    public Deferred<String> delete(int index) {
        return send("DELE " + (index + 1), false, Answer::text, null);
    }

    /** NOOP. */
    public Deferred<String> noop() {
        return send("NOOP", false, Answer::text, null);
    }

    /** RSET: undoes the deletions. */
    public Deferred<String> reset() {
        return send("RSET", false, Answer::text, null);
    }

    /** QUIT: the server commits the deletions; the connection is closed once it answers. */
    public Deferred<String> quit() {
        return send("QUIT", false, Answer::text, () -> transport().loseConnection());
    }

    @Override
    public void connectionMade() {
        connected = true;
        sendNext();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b != '\n') {
                if (line.size() >= MAX_LINE) {
                    abort("a line longer than " + MAX_LINE + " bytes");
                    return;
                }
                line.write(b);
                continue;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            lineReceived(bytes, length);
            if (lost != null) {
                return;
            }
        }
    }

    private void lineReceived(byte[] bytes, int length) {
        Command command = current;
        if (command == null) {
            abort("an answer to no command");
            return;
        }
        if (firstLine == null) {
            String text = new String(bytes, 0, length, UTF_8);
            if (text.startsWith("+OK")) {
                String rest = text.length() > 3 ? text.substring(3).strip() : "";
                if (command == greeting) {
                    Matcher m = CHALLENGE.matcher(rest);
                    challenge = m.find() ? m.group() : null;
                }
                if (command.multiLine) {
                    firstLine = rest;
                    body.reset();
                    return;
                }
                finish(command, new Answer(rest, new byte[0]));
            } else {
                String rest = text.startsWith("-ERR") ? text.substring(4).strip() : text;
                current = null;
                command.result.errback(new Pop3ServerError(rest));
                sendNext();
            }
            return;
        }
        if (length == 1 && bytes[0] == '.') {
            String text = firstLine;
            firstLine = null;
            finish(command, new Answer(text, body.toByteArray()));
            return;
        }
        int start = length > 0 && bytes[0] == '.' ? 1 : 0;
        if (body.size() + length + 2 > maxResponseSize) {
            abort("an answer larger than " + maxResponseSize + " bytes");
            return;
        }
        body.write(bytes, start, length - start);
        body.write('\r');
        body.write('\n');
    }

    private void finish(Command command, Answer answer) {
        current = null;
        Object value;
        try {
            value = command.parse.apply(answer);
        } catch (RuntimeException e) {
            command.result.errback(e);
            sendNext();
            return;
        }
        if (command.onOk != null) {
            command.onOk.run();
        }
        command.result.callback(value);
        sendNext();
    }

    private void abort(String why) {
        Pop3ServerError error = new Pop3ServerError("the server sent " + why);
        failAll(new Failure(error));
        transport().abortConnection();
    }

    private void failAll(Failure failure) {
        lost = failure;
        List<Command> pending = new ArrayList<>();
        if (current != null) {
            pending.add(current);
        }
        pending.addAll(waiting);
        current = null;
        waiting.clear();
        for (Command command : pending) {
            if (!command.result.isCalled()) {
                command.result.errback(failure);
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (lost == null) {
            failAll(reason);
        }
    }
}
