package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The incremental IMAP command parser: feed it octets as they arrive and it reports whole commands, requests for
 * a continuation ({@code + Ready}) before a synchronising literal's octets, raw lines (for AUTHENTICATE and IDLE)
 * and syntax errors.
 *
 * <h2>Grammar</h2>
 * A command is a tag, a SP, a name and arguments separated by SP: atoms, quoted strings, literals ({@code {n}}
 * and LITERAL+'s {@code {n+}}, which must end a line), and parenthesised lists. An atom that opens a {@code [}
 * runs to the matching {@code ]}, spaces and parentheses included, so fetch items like
 * {@code BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>} are one atom. A line ends with CRLF or a bare LF.
 *
 * <h2>Limits</h2>
 * A line longer than {@link #setMaxLineLength} is discarded as it arrives (never held whole). A literal larger
 * than {@link #setMaxLiteralSize} is refused from its announced size, before any of its octets is read: a
 * synchronising one gets no {@code + Ready} (the client will not send it), a non-synchronising one is skipped
 * without being held. Lists nest at most {@link #setMaxDepth} deep. Each is one {@link ImapSyntaxException},
 * reported through {@link Listener#error}; the parser then reads the next command.
 *
 * <h2>Pausing</h2>
 * While {@link #pause paused} (a command is being answered by a Deferred, or the reader switches to raw lines)
 * the parser keeps what it is fed and reports nothing; {@link #resume} goes on.
 *
 * <p>Threading: not thread-safe; one connection's reactor thread.
 */
public final class ImapCommandParser {

    /** Default longest line, CRLF excluded. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;
    /** Default largest literal. */
    public static final int DEFAULT_MAX_LITERAL_SIZE = 32 * 1024 * 1024;
    /** Default deepest nesting of parenthesised lists. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** Most literals in one command. */
    public static final int MAX_LITERALS = 64;

    /** What the parser reports. */
    public interface Listener {
        /** A whole command. */
        void command(ImapCommand command);

        /** A synchronising literal was accepted: the server should send {@code + Ready for literal}. */
        void continuation();

        /**
         * A syntax error; the rest of the command has been (or will be) skipped.
         *
         * @param tag the command's tag if it could be read, else null
         * @param error what was wrong
         */
        void error(@Nullable String tag, ImapSyntaxException error);

        /** A line read in {@linkplain #setRawLines raw-line mode}, without its line end. */
        default void line(String line) {
        }
    }

    private enum State { LINE, LITERAL, SKIP_LINE, SKIP_LITERAL }

    private final Listener listener;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private int maxLiteralSize = DEFAULT_MAX_LITERAL_SIZE;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private byte[] input = new byte[1024];
    private int start;
    private int end;

    private State state = State.LINE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<byte[]> fragments = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private @Nullable ByteArrayOutputStream literal;
    private long remaining;
    private long commandSize;
    private boolean skippingCommand;
    private @Nullable String errorTag;
    private @Nullable String pendingError;
    private boolean paused;
    private boolean rawLines;
    private boolean feeding;

    /**
     * Makes a parser.
     *
     * @param listener what it reports to
     */
    public ImapCommandParser(Listener listener) {
        this.listener = listener;
    }

    /** Sets the longest line, CRLF excluded; at least 64. */
    public void setMaxLineLength(int octets) {
        this.maxLineLength = Math.max(64, octets);
    }

    /** Sets the largest literal, and the most octets of literals in one command. */
    public void setMaxLiteralSize(int octets) {
        this.maxLiteralSize = Math.max(0, octets);
    }

    /** Sets the deepest nesting of parenthesised lists; at least 1. */
    public void setMaxDepth(int depth) {
        this.maxDepth = Math.max(1, depth);
    }

    /** Returns the largest literal accepted. */
    public int maxLiteralSize() {
        return maxLiteralSize;
    }

    /**
     * In raw-line mode each line is reported to {@link Listener#line} as it is (AUTHENTICATE's answers, IDLE's
     * DONE), without being parsed.
     */
    public void setRawLines(boolean raw) {
        this.rawLines = raw;
    }

    /** Stops reporting; what is fed is kept. */
    public void pause() {
        paused = true;
    }

    /** Returns true while paused. */
    public boolean paused() {
        return paused;
    }

    /** Goes on with what was kept. */
    public void resume() {
        paused = false;
        process();
    }

    /** Returns how many octets are held, waiting or in the command being read. */
    public long held() {
        return (end - start) + line.size() + commandSize;
    }

    /**
     * Feeds octets; all of them are consumed (kept while paused).
     *
     * @param data what arrived
     */
    public void feed(ByteBuffer data) {
        int n = data.remaining();
        if (end + n > input.length) {
            System.arraycopy(input, start, input, 0, end - start);
            end -= start;
            start = 0;
            if (end + n > input.length) {
                input = Arrays.copyOf(input, Math.max(input.length * 2, end + n));
            }
        }
        data.get(input, end, n);
        end += n;
        process();
    }

    private void process() {
        if (feeding) {
            return;
        }
        feeding = true;
        try {
            while (!paused && start < end) {
                switch (state) {
                    case LINE, SKIP_LINE -> readLine();
                    case LITERAL -> readLiteral();
                    case SKIP_LITERAL -> skipLiteral();
                }
            }
            if (start == end) {
                start = 0;
                end = 0;
                if (input.length > 65536) {
                    input = new byte[1024];
                }
            }
        } finally {
            feeding = false;
        }
    }

    private void readLine() {
        int lf = -1;
        for (int i = start; i < end; i++) {
            if (input[i] == '\n') {
                lf = i;
                break;
            }
        }
        int stop = lf < 0 ? end : lf;
        if (state == State.LINE) {
            long room = (long) maxLineLength + 1 - line.size();
            int take = (int) Math.min(room, stop - start);
            line.write(input, start, take);
            if (line.size() > maxLineLength) {
                if (errorTag == null && fragments.isEmpty()) {
                    errorTag = tagOf(line.toByteArray());
                }
                fail("Line too long");
                line.reset();
                state = State.SKIP_LINE;
            }
        }
        if (lf < 0) {
            start = end;
            return;
        }
        start = lf + 1;
        if (state == State.SKIP_LINE) {
            state = State.LINE;
            finishSkipped();
            return;
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        lineEnded(Arrays.copyOf(bytes, length));
    }

    private void lineEnded(byte[] text) {
        if (rawLines && fragments.isEmpty() && !skippingCommand) {
            listener.line(new String(text, UTF_8));
            return;
        }
        if (fragments.isEmpty() && !skippingCommand) {
            errorTag = tagOf(text);
        }
        int open = literalHeader(text);
        if (open < 0) {
            if (skippingCommand) {
                finishSkipped();
            } else {
                fragments.add(text);
                commandSize += text.length;
                completeCommand();
            }
            return;
        }
        boolean plus = text[text.length - 2] == '+';
        long size = literalSize(text, open + 1, text.length - (plus ? 2 : 1));
        if (skippingCommand) {
            if (plus && size >= 0) {
                remaining = size;
                state = State.SKIP_LITERAL;
            } else {
                finishSkipped();
            }
            return;
        }
        fragments.add(Arrays.copyOf(text, open));
        commandSize += open;
        if (size < 0 || size > maxLiteralSize || commandSize + size > (long) maxLiteralSize + 8L * maxLineLength
                || literals.size() >= MAX_LITERALS) {
            fail(size < 0 || size > maxLiteralSize ? "Literal too large" : "Command too large");
            if (plus && size >= 0) {
                // Skipped as it comes, never held.
                remaining = size;
                state = State.SKIP_LITERAL;
            } else {
                // A synchronising literal is not sent without our continuation; an absurd non-synchronising one
                // leaves no way to find the command's end, and the server closes the connection on this error.
                finishSkipped();
            }
            return;
        }
        remaining = size;
        literal = new ByteArrayOutputStream((int) Math.min(size, 65536));
        state = State.LITERAL;
        if (!plus) {
            listener.continuation();
        }
    }

    private void readLiteral() {
        ByteArrayOutputStream out = java.util.Objects.requireNonNull(literal);
        int take = (int) Math.min(remaining, end - start);
        out.write(input, start, take);
        start += take;
        remaining -= take;
        if (remaining == 0) {
            literals.add(out.toByteArray());
            commandSize += out.size();
            literal = null;
            state = State.LINE;
        }
    }

    private void skipLiteral() {
        int take = (int) Math.min(remaining, end - start);
        start += take;
        remaining -= take;
        if (remaining == 0) {
            state = State.LINE;
        }
    }

    /** Marks the command failed; the error is reported once its end has been read. */
    private void fail(String message) {
        if (!skippingCommand) {
            skippingCommand = true;
            pendingError = message;
            fragments.clear();
            literals.clear();
            commandSize = 0;
        }
    }

    private void finishSkipped() {
        String message = pendingError == null ? "Syntax error" : pendingError;
        String tag = errorTag;
        reset();
        listener.error(tag, new ImapSyntaxException(message));
    }

    private void reset() {
        fragments.clear();
        literals.clear();
        commandSize = 0;
        skippingCommand = false;
        pendingError = null;
        errorTag = null;
    }

    private void completeCommand() {
        List<byte[]> texts = List.copyOf(fragments);
        List<byte[]> lits = List.copyOf(literals);
        String tag = errorTag;
        reset();
        ImapCommand command;
        try {
            command = new Tokenizer(texts, lits, maxDepth).command();
        } catch (ImapSyntaxException e) {
            listener.error(tag, e);
            return;
        }
        listener.command(command);
    }

    /** Returns the index of the '{' of a literal header ending the line, or -1. */
    static int literalHeader(byte[] text) {
        int n = text.length;
        if (n < 3 || text[n - 1] != '}') {
            return -1;
        }
        int i = n - 2;
        if (text[i] == '+') {
            i--;
        }
        int digitsEnd = i;
        while (i >= 0 && text[i] >= '0' && text[i] <= '9') {
            i--;
        }
        if (i < 0 || text[i] != '{' || i == digitsEnd) {
            return -1;
        }
        return i;
    }

    /** Returns the literal's size, or -1 if it is absurd (more than ten digits). */
    private static long literalSize(byte[] text, int from, int to) {
        if (to - from > 10) {
            return -1;
        }
        long size = 0;
        for (int i = from; i < to; i++) {
            size = size * 10 + (text[i] - '0');
        }
        return size;
    }

    /** Returns the tag at the start of a line, if it looks like one. */
    static @Nullable String tagOf(byte[] text) {
        int i = 0;
        while (i < text.length && i < 64 && Tokenizer.isTagChar(text[i])) {
            i++;
        }
        if (i == 0 || (i < text.length && text[i] != ' ')) {
            return null;
        }
        return new String(text, 0, i, UTF_8);
    }
}
