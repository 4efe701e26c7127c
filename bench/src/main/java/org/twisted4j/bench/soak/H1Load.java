package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The HTTP/1.1 phase: keep-alive connections (plain and TLS) sending one request at a time, and connections
 * sending pipelined batches, each request drawn at random: whole files, HEAD, single, suffix and several byte
 * ranges, a range past the end, a missing file, a directory listing, CGI GETs and small CGI POSTs, and now and
 * then {@code Connection: close}. Each answer is checked: its status, and its body against the file's bytes.
 */
final class H1Load extends Phase {

    /** Connections sending one request at a time (half of them over TLS). */
    static final int KEEP_ALIVE_CONNECTIONS = 6;

    /** Connections sending pipelined batches (one of them over TLS). */
    static final int PIPELINED_CONNECTIONS = 2;

    /** The most requests in one pipelined batch. */
    static final int MAX_BATCH = 12;

    /**
     * A request and what must come back.
     *
     * @param method the method
     * @param bytes the whole request
     * @param status the status expected
     * @param body the body expected, or null if it is checked otherwise ({@code parts}) or not at all
     * @param parts slices a multipart/byteranges body must hold, in order, or null
     * @param closes whether the request asked the server to close the connection after it
     * @param what the request, for error reports
     */
    record Ask(String method, byte[] bytes, int status, byte[] body, List<byte[]> parts, boolean closes,
               String what) {
    }

    private final List<String> names;

    H1Load(Target target, Tally tally, double seconds) {
        super(target, tally, seconds);
        this.names = List.copyOf(target.files().keySet());
    }

    @Override
    List<Loop> loops() {
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < KEEP_ALIVE_CONNECTIONS; i++) {
            boolean secure = i % 2 == 1;
            loops.add(random -> keepAlive(random, secure));
        }
        for (int i = 0; i < PIPELINED_CONNECTIONS; i++) {
            boolean secure = i == 1;
            loops.add(random -> pipelined(random, secure));
        }
        return loops;
    }

    private void keepAlive(SplittableRandom random, boolean secure) {
        for (int n = 0; n < MAX_ITERATIONS && running(); ) {
            try (Http1 connection = new Http1(target.connect(secure))) {
                tally.count("connections");
                int requests = 1 + random.nextInt(200);
                for (int k = 0; k < requests && running() && n < MAX_ITERATIONS; k++, n++) {
                    Ask ask = ask(random, true);
                    connection.send(ask.bytes());
                    if (!check(ask, connection.read(ask.method())) || ask.closes()) {
                        if (ask.closes() && connection.input().read() >= 0) {
                            tally.error("not_closed", "data after the response to " + ask.what());
                        }
                        break;
                    }
                }
            } catch (IOException e) {
                connectionError("keep-alive " + (secure ? "tls" : "tcp"), e);
                n++;
            }
        }
    }

    private void pipelined(SplittableRandom random, boolean secure) {
        for (int n = 0; n < MAX_ITERATIONS && running(); ) {
            try (Http1 connection = new Http1(target.connect(secure))) {
                tally.count("connections");
                int batches = 1 + random.nextInt(50);
                for (int b = 0; b < batches && running(); b++, n++) {
                    List<Ask> batch = new ArrayList<>();
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    for (int k = 1 + random.nextInt(MAX_BATCH); k > 0; k--) {
                        Ask ask = ask(random, false);
                        batch.add(ask);
                        bytes.writeBytes(ask.bytes());
                    }
                    connection.send(bytes.toByteArray());
                    tally.count("pipelined_batches");
                    boolean good = true;
                    for (Ask ask : batch) {
                        good &= check(ask, connection.read(ask.method()));
                    }
                    if (!good) {
                        break;
                    }
                }
            } catch (IOException e) {
                connectionError("pipelined " + (secure ? "tls" : "tcp"), e);
                n++;
            }
        }
    }

    /** Draws a request; {@code mayClose} allows Connection: close and the CGI script (slow) ones. */
    private Ask ask(SplittableRandom random, boolean mayClose) {
        String name = names.get(random.nextInt(names.size()));
        byte[] file = target.file(name);
        int size = file.length;
        String path = "/" + name;
        boolean closes = mayClose && random.nextInt(100) < 2;
        String connection = closes ? "Connection: close" : "X-Soak: 1";
        int draw = random.nextInt(1000);
        if (mayClose && draw < 3) {
            int x = random.nextInt(1_000_000);
            return ask("GET", "/cgi-bin/hello.pl?x=" + x, 200, ("hello x=" + x + "\n").getBytes(ISO_8859_1), null,
                    closes, connection);
        }
        if (mayClose && draw < 6) {
            byte[] body = new byte[random.nextInt(4096)];
            random.nextBytes(body);
            byte[] head = Http1.request("POST", "/cgi-bin/upload.pl", "Content-Length: " + body.length,
                    "Content-Type: application/octet-stream", connection);
            byte[] bytes = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, bytes, head.length, body.length);
            return new Ask("POST", bytes, 200, Uploads.answer(body.length, Uploads.md5(body)), null, closes,
                    "POST /cgi-bin/upload.pl (" + body.length + " bytes)");
        }
        if (draw < 400 || size == 0) {
            return ask("GET", path, 200, file, null, closes, connection);
        }
        if (draw < 500) {
            return ask("HEAD", path, 200, new byte[0], null, closes, connection);
        }
        if (draw < 700) {
            int first = random.nextInt(size);
            int last = first + random.nextInt(Math.min(size - first, 1 << 20));
            return ask("GET", path, 206, Arrays.copyOfRange(file, first, last + 1), null, closes, connection,
                    "Range: bytes=" + first + "-" + last);
        }
        if (draw < 780) {
            int suffix = 1 + random.nextInt(Math.min(size, 100_000));
            return ask("GET", path, 206, Arrays.copyOfRange(file, size - suffix, size), null, closes, connection,
                    "Range: bytes=-" + suffix);
        }
        if (draw < 850 && size >= 16) {
            int half = size / 2;
            int a = random.nextInt(half - 2);
            int aEnd = a + random.nextInt(Math.min(4096, half - 2 - a));
            int b = half + random.nextInt(size - half);
            int bEnd = b + random.nextInt(Math.min(4096, size - b));
            return ask("GET", path, 206, null, List.of(Arrays.copyOfRange(file, a, aEnd + 1),
                    Arrays.copyOfRange(file, b, bEnd + 1)), closes, connection,
                    "Range: bytes=" + a + "-" + aEnd + "," + b + "-" + bEnd);
        }
        if (draw < 880) {
            return ask("GET", path, 416, null, null, closes, connection, "Range: bytes=" + size + "-");
        }
        if (draw < 930) {
            return ask("GET", "/missing-" + random.nextInt(1000), 404, null, null, closes, connection);
        }
        if (draw < 960) {
            return ask("GET", "/sub/", 200, null, null, closes, connection);
        }
        return ask("GET", path, 200, file, null, closes, connection, "Accept-Encoding: identity");
    }

    private static Ask ask(String method, String path, int status, byte[] body, List<byte[]> parts, boolean closes,
            String... headers) {
        StringBuilder what = new StringBuilder(method).append(' ').append(path);
        for (String header : headers) {
            if (!header.equals("X-Soak: 1")) {
                what.append(" [").append(header).append(']');
            }
        }
        return new Ask(method, Http1.request(method, path, headers), status, body, parts, closes, what.toString());
    }

    /** Checks a response; counts it; returns false if the connection should not be used further. */
    private boolean check(Ask ask, Http1.Response response) {
        tally.count("requests");
        tally.status(response.status(), ask.what());
        if (response.status() != ask.status()) {
            if (response.status() < 500) {
                tally.error("status", response.status() + " instead of " + ask.status() + " for " + ask.what());
            }
            return false;
        }
        if (ask.method().equals("HEAD")) {
            String length = response.header("content-length");
            if (length == null) {
                tally.error("head", "no Content-Length for " + ask.what());
            }
        } else if (ask.body() != null && !Arrays.equals(ask.body(), response.body())) {
            tally.error("body", "a body of " + response.body().length + " bytes unlike the " + ask.body().length
                    + " expected for " + ask.what());
            return false;
        } else if (ask.parts() != null && !multipartHolds(response, ask.parts())) {
            tally.error("body", "a multipart body without the ranges asked for " + ask.what());
            return false;
        }
        if (ask.closes() && !response.closes()) {
            tally.error("not_closed", "no Connection: close in the answer to " + ask.what());
            return false;
        }
        if (response.closes() && !ask.closes()) {
            tally.error("closed", "the server closed the connection after " + ask.what());
            return false;
        }
        return true;
    }

    /** Whether the multipart/byteranges body holds each slice, in order. */
    private static boolean multipartHolds(Http1.Response response, List<byte[]> parts) {
        String type = response.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/byteranges")) {
            return false;
        }
        byte[] body = response.body();
        int from = 0;
        for (byte[] part : parts) {
            int at = indexOf(body, part, from);
            if (at < 0) {
                return false;
            }
            from = at + part.length;
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
