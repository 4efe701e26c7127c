package org.twisted4j.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads FTP replies incrementally from the bytes of a control connection: feed what arrives, get the replies
 * it completes. A reply split at any byte parses the same.
 *
 * <p>Limits: a line longer than {@link #maxLineLength()} or a reply of more than {@link #maxLines()} lines is
 * an error, so memory held is bounded by the limits whatever the server sends. After an error the parser is
 * broken ({@link #isBroken()}): a call that completed replies before the bad line returns them without
 * throwing, and every later call throws.
 *
 * <h2>Threading</h2>
 * Not thread-safe; one connection's reactor thread.
 */
public final class FtpReplyParser {

    /** The default longest reply line, without its line end. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;

    /** The default most lines in one reply. */
    public static final int DEFAULT_MAX_LINES = 1000;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> pending = new ArrayList<>();
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private int maxLines = DEFAULT_MAX_LINES;
    private int code = -1;
    private boolean broken;

    /** Makes a parser with the default limits. */
    public FtpReplyParser() {
    }

    /** The longest line accepted. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Sets the longest line accepted (at least 3). */
    public void setMaxLineLength(int max) {
        if (max < 3) {
            throw new IllegalArgumentException("a reply line has at least 3 bytes");
        }
        this.maxLineLength = max;
    }

    /** The most lines in one reply. */
    public int maxLines() {
        return maxLines;
    }

    /** Sets the most lines in one reply (at least 1). */
    public void setMaxLines(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        this.maxLines = max;
    }

    /**
     * Whether the stream was found malformed. A call that completed replies before the bad line returns them
     * and leaves the parser broken without throwing: check this after each call.
     */
    public boolean isBroken() {
        return broken;
    }

    /** The bytes held for an incomplete line or reply; bounded by the limits. */
    public int buffered() {
        int held = line.size();
        for (String text : pending) {
            held += text.length();
        }
        return held;
    }

    /**
     * Consumes all of {@code data} and returns the replies it completes, in order.
     *
     * @param data what arrived; consumed entirely
     * @return the completed replies, possibly none
     * @throws FtpSyntaxException (500) if a line is not a reply, is too long, or a reply has too many lines;
     *         the parser is then broken
     */
    public List<FtpReply> feed(ByteBuffer data) throws FtpSyntaxException {
        if (broken) {
            data.position(data.limit());
            throw new FtpSyntaxException(500, "reply stream already broken");
        }
        List<FtpReply> out = new ArrayList<>(1);
        try {
            while (data.hasRemaining()) {
                byte b = data.get();
                if (b == '\n') {
                    byte[] raw = line.toByteArray();
                    line.reset();
                    int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                    FtpReply reply = lineReceived(new String(raw, 0, end, UTF_8));
                    if (reply != null) {
                        out.add(reply);
                    }
                } else {
                    if (line.size() >= maxLineLength + 1) {
                        throw new FtpSyntaxException(500, "reply line too long");
                    }
                    line.write(b);
                }
            }
        } catch (FtpSyntaxException e) {
            broken = true;
            line.reset();
            pending.clear();
            data.position(data.limit());
            if (out.isEmpty()) {
                throw e;
            }
            // the replies completed before the bad line are delivered; the error shows in isBroken()
            // and is thrown by the next call
        }
        return out;
    }

    private @Nullable FtpReply lineReceived(String text) throws FtpSyntaxException {
        if (text.length() > maxLineLength) {
            throw new FtpSyntaxException(500, "reply line too long");
        }
        if (text.indexOf('\r') >= 0) {
            throw new FtpSyntaxException(500, "CR inside a reply line");
        }
        if (code < 0) {
            int lineCode = codeOf(text);
            if (lineCode < 0) {
                throw new FtpSyntaxException(500, "not an FTP reply: " + abbreviate(text));
            }
            char separator = text.length() > 3 ? text.charAt(3) : ' ';
            if (separator == '-') {
                code = lineCode;
                pending.add(text.substring(4));
                return null;
            }
            if (separator != ' ') {
                throw new FtpSyntaxException(500, "not an FTP reply: " + abbreviate(text));
            }
            return new FtpReply(lineCode, List.of(text.length() > 3 ? text.substring(4) : ""));
        }
        if (pending.size() >= maxLines - 1 && !isLast(text)) {
            throw new FtpSyntaxException(500, "reply has too many lines");
        }
        if (isLast(text)) {
            pending.add(text.length() > 3 ? text.substring(4) : "");
            FtpReply reply = new FtpReply(code, pending);
            pending.clear();
            code = -1;
            return reply;
        }
        pending.add(text.startsWith(" ") ? text.substring(1) : text);
        return null;
    }

    private boolean isLast(String text) {
        return codeOf(text) == code && (text.length() == 3 || text.charAt(3) == ' ');
    }

    private static int codeOf(String text) {
        if (text.length() < 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value >= 100 && value <= 599 ? value : -1;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
