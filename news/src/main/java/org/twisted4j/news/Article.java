package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A news article (RFC 5536): header fields, then an empty line, then the body, with CRLF line ends and no
 * dot-stuffing. Header values keep their folding as received; {@link #header(String)} unfolds them.
 *
 * <pre>{@code
 * Article article = Article.parse(bytes);
 * String subject = article.header("Subject");
 * Article stamped = article.withHeader("Path", "news.example!not-for-mail");
 * }</pre>
 *
 * <p>Header fields are kept as the octets received, read as ISO-8859-1 so that every octet survives; header
 * names compare case-insensitively. Immutable: the {@code with...} methods return new articles.
 */
public final class Article {

    /**
     * One header field.
     *
     * @param name its name, as written
     * @param value its value after the colon and the spaces following it, folding kept
     */
    public record Header(String name, String value) {
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final List<Header> headers;
    private final byte[] body;

    private Article(List<Header> headers, byte[] body) {
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /**
     * Makes an article from its fields and body.
     *
     * @param headers the header fields, in order
     * @param body the body, with CRLF line ends
     * @return the article
     */
    public static Article of(List<Header> headers, byte[] body) {
        return new Article(headers, body.clone());
    }

    /**
     * Parses an article. A bare LF ends a line as CRLF does (the body keeps what it was given).
     *
     * @param raw the article's octets, not dot-stuffed
     * @return the article
     * @throws ArticleFormatException if a header line has no colon, a field name is empty or holds a space,
     *     or there is no header field before the body
     */
    public static Article parse(byte[] raw) throws ArticleFormatException {
        List<Header> headers = new ArrayList<>();
        int at = 0;
        while (true) {
            int end = indexOf(raw, (byte) '\n', at);
            int lineEnd = end < 0 ? raw.length : end;
            int textEnd = lineEnd > at && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            int next = end < 0 ? raw.length : end + 1;
            if (textEnd == at) {
                at = next;
                break;
            }
            String line = new String(raw, at, textEnd - at, ISO_8859_1);
            at = next;
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (headers.isEmpty()) {
                    throw new ArticleFormatException("Continuation line before any header field");
                }
                Header last = headers.remove(headers.size() - 1);
                headers.add(new Header(last.name(), last.value() + "\r\n" + line));
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ArticleFormatException("Not a header field: " + shorten(line));
                }
                String name = line.substring(0, colon);
                if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    throw new ArticleFormatException("Bad header field name: " + shorten(name));
                }
                headers.add(new Header(name, line.substring(colon + 1).stripLeading()));
            }
            if (end < 0) {
                break;
            }
        }
        if (headers.isEmpty()) {
            throw new ArticleFormatException("No header fields");
        }
        return new Article(headers, Arrays.copyOfRange(raw, Math.min(at, raw.length), raw.length));
    }

    /** Returns the header fields in order. */
    public List<Header> headers() {
        return headers;
    }

    /** Returns a copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the unfolded value of the first field named {@code name} (any case), or null if there is none. */
    public @Nullable String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return unfold(header.value());
            }
        }
        return null;
    }

    /** Returns how many fields are named {@code name} (any case). */
    public int count(String name) {
        int count = 0;
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    /** Returns this article with every field named {@code name} replaced by one with {@code value} (added at the end if none). */
    public Article withHeader(String name, String value) {
        List<Header> out = new ArrayList<>();
        boolean set = false;
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase(name)) {
                out.add(header);
            } else if (!set) {
                out.add(new Header(name, value));
                set = true;
            }
        }
        if (!set) {
            out.add(new Header(name, value));
        }
        return new Article(out, body);
    }

    /** Returns this article without the fields named {@code name}. */
    public Article withoutHeader(String name) {
        List<Header> out = new ArrayList<>(headers);
        out.removeIf(header -> header.name().equalsIgnoreCase(name));
        return new Article(out, body);
    }

    /** Returns the header section, each field ending in CRLF, without the empty line after it. */
    public byte[] headBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Header header : headers) {
            out.writeBytes((header.name() + ": " + header.value()).getBytes(ISO_8859_1));
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    /** Returns the whole article: the header section, an empty line and the body. */
    public byte[] toBytes() {
        byte[] head = headBytes();
        byte[] all = Arrays.copyOf(head, head.length + 2 + body.length);
        all[head.length] = '\r';
        all[head.length + 1] = '\n';
        System.arraycopy(body, 0, all, head.length + 2, body.length);
        return all;
    }

    /** Returns how many lines the body has (the {@code :lines} metadata of RFC 3977 §8.1). */
    public long bodyLines() {
        long lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        return body.length > 0 && body[body.length - 1] != '\n' ? lines + 1 : lines;
    }

    /** Removes folding: CRLF before whitespace goes (RFC 5322 §2.2.3). */
    static String unfold(String value) {
        return value.indexOf('\n') < 0 ? value : value.replace("\r\n", "").replace("\n", "");
    }

    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        String id = header("Message-ID");
        return "Article(" + (id == null ? "no Message-ID" : id) + ", " + headers.size() + " fields, "
                + body.length + " body octets)";
    }

    /** Returns the lower-case name used as a key for header lookups. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
