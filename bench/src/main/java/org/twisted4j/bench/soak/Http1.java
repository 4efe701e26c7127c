package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain HTTP/1.1 client connection over a {@link Target.Link}, as simple as can check a server: it writes
 * the bytes it is given and reads responses one after the other (interim 1xx ones apart), with the body framed
 * by Content-Length, chunked coding, or the end of the connection. Not thread-safe: one thread per connection.
 */
final class Http1 implements AutoCloseable {

    /** The longest head line read; a longer one is a broken response. */
    static final int MAX_LINE = 16 * 1024;

    /**
     * A response.
     *
     * @param status its status code
     * @param headers its headers, names in lower case, repeats joined with ", "
     * @param body its body (empty for HEAD, 1xx, 204 and 304)
     */
    record Response(int status, Map<String, String> headers, byte[] body) {

        /** Returns a header's value or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Returns whether the server will close the connection after this response. */
        boolean closes() {
            String connection = header("connection");
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    final Target.Link link;
    private final InputStream in;
    private final OutputStream out;

    Http1(Target.Link link) throws IOException {
        this.link = link;
        this.in = new BufferedInputStream(link.socket().getInputStream(), 64 * 1024);
        this.out = link.socket().getOutputStream();
    }

    /** Returns a GET (or other body-less method) request's bytes. */
    static byte[] request(String method, String path, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: soak\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(ISO_8859_1);
    }

    /** Writes {@code bytes} and flushes them. */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes part of {@code bytes} and flushes it. */
    void send(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
    }

    /** Returns the stream to read a response's raw bytes from (after {@link #readHead}). */
    InputStream input() {
        return in;
    }

    /**
     * Reads the next final response (skipping 1xx ones) to a request of {@code method}.
     *
     * @throws IOException if the connection fails or ends early, or the response is malformed
     */
    Response read(String method) throws IOException {
        while (true) {
            Response head = readHead();
            if (head.status() >= 200) {
                return new Response(head.status(), head.headers(), readBody(method, head));
            }
        }
    }

    /**
     * Reads one response head, interim or final, and leaves its body unread.
     *
     * @throws IOException if the connection fails or ends first, or the head is malformed
     */
    Response readHead() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") && !status.startsWith("HTTP/1.0 ") || status.length() < 12) {
            throw new IOException("malformed status line: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line: " + status, e);
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        return new Response(code, headers, new byte[0]);
    }

    private byte[] readBody(String method, Response head) throws IOException {
        int code = head.status();
        if (method.equals("HEAD") || code == 204 || code == 304) {
            return new byte[0];
        }
        String encoding = head.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked();
        }
        String length = head.header("content-length");
        if (length != null) {
            long n = Long.parseLong(length);
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException("Content-Length too large: " + n);
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new EOFException("the connection ended within a body of " + n + " bytes");
            }
            return body;
        }
        return in.readAllBytes();
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = line();
            int semicolon = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + line, e);
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (size > Integer.MAX_VALUE - 8 - body.size()) {
                throw new IOException("chunked body too large");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new EOFException("the connection ended within a chunk");
            }
            body.write(chunk);
            if (!line().isEmpty()) {
                throw new IOException("no CRLF after a chunk");
            }
        }
    }

    /** Reads a line ended by LF (a CR before it dropped). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(line.isEmpty() ? "the connection ended before a response"
                        : "the connection ended within a line");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("head line too long");
            }
            line.append((char) b);
        }
    }

    /** Closes the connection cleanly. */
    @Override
    public void close() {
        link.close();
    }
}
