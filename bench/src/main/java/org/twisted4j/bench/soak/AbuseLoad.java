package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The abuse phase: slow-loris clients, which dribble a request head a byte at a time and must be dropped by the
 * server's head timeout, and clients that vanish (a reset, a bare FIN, or a clean close) in the middle of a
 * request head, of a request body (to the CGI script), of a response (a large file, a pipelined batch, a CGI
 * script's output), or of a TLS handshake. After each few vanishings, a normal request on a new connection must
 * be answered. Errors on the vanishing clients' own connections are expected and only counted.
 */
final class AbuseLoad extends Phase {

    /** Slow-loris connections per wave (a quarter of them over TLS). */
    static final int SLOW_LORIS = 16;

    /** How long a slow-loris client waits between two bytes, in milliseconds. */
    static final int DRIBBLE_MS = 500;

    /** How long a slow-loris client keeps going before it counts as not dropped (the head timeout is 30 s). */
    static final long SLOW_LORIS_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(45);

    /** Loops of vanishing clients. */
    static final int VANISHING = 4;

    private final double seconds;
    private final boolean slowLoris;

    /**
     * @param slowLoris whether to run slow-loris clients (each wave lasts as long as the server's head timeout,
     *     30 s) as well as the vanishing ones
     */
    AbuseLoad(Target target, Tally tally, double seconds, boolean slowLoris) {
        super(target, tally, seconds);
        this.seconds = seconds;
        this.slowLoris = slowLoris;
    }

    /** Returns the slow-loris waves the phase has time for: one per 50 s, at least one (none if not wanted). */
    int waves() {
        return slowLoris ? Math.max(1, (int) (seconds / 50)) : 0;
    }

    @Override
    List<Loop> loops() {
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < (slowLoris ? SLOW_LORIS : 0); i++) {
            boolean secure = i % 4 == 3;
            loops.add(random -> {
                for (int wave = 0; wave < waves(); wave++) {
                    slowLoris(random, secure);
                }
            });
        }
        for (int i = 0; i < VANISHING; i++) {
            loops.add(this::vanishing);
        }
        return loops;
    }

    private void slowLoris(SplittableRandom random, boolean secure) throws InterruptedException {
        pause(random.nextInt(2000));
        long start = System.nanoTime();
        byte[] dribble = ("GET /1k.bin HTTP/1.1\r\nHost: soak\r\nUser-Agent: slow-loris\r\n"
                + "X-Dribble: " + "abcdefghijklmnopqrstuvwxyz".repeat(40)).getBytes(ISO_8859_1);
        try (Target.Link link = target.connect(secure)) {
            tally.count("slowloris_connections");
            link.socket().setSoTimeout(DRIBBLE_MS);
            InputStream in = link.socket().getInputStream();
            OutputStream out = link.socket().getOutputStream();
            int sent = 0;
            byte[] answer = new byte[4096];
            while (System.nanoTime() - start < SLOW_LORIS_LIMIT_NANOS) {
                try {
                    out.write(dribble, sent % dribble.length, 1);
                    out.flush();
                    sent++;
                } catch (IOException e) {
                    dropped(start, "write failed");
                    return;
                }
                try {
                    int n = in.read(answer);
                    if (n < 0) {
                        dropped(start, "closed");
                        return;
                    }
                    int status = statusOf(answer, n);
                    if (status > 0) {
                        tally.status(status, "a slow-loris head");
                    }
                    tally.count("slowloris_answered");
                    link.socket().setSoTimeout(Target.READ_TIMEOUT_MS);
                    while (in.read(answer) >= 0) {
                        // the rest of the answer, until the server closes
                    }
                    dropped(start, "answered");
                    return;
                } catch (SocketTimeoutException e) {
                    // still open: dribble on
                }
            }
            tally.error("slowloris_not_dropped", "a slow-loris client (" + (secure ? "tls" : "tcp") + ") was still "
                    + "connected after " + TimeUnit.NANOSECONDS.toSeconds(SLOW_LORIS_LIMIT_NANOS) + " s");
        } catch (IOException e) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
                dropped(start, "reset");
            } else {
                connectionError("slow-loris " + (secure ? "tls" : "tcp"), e);
            }
        }
    }

    private void dropped(long start, String how) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        tally.count("slowloris_dropped");
        tally.max("slowloris_dropped_after_s_max", seconds);
        if (how.equals("answered")) {
            return;
        }
        tally.count("slowloris_dropped_" + how.replace(' ', '_'));
    }

    private void vanishing(SplittableRandom random) throws InterruptedException {
        for (int n = 0; n < MAX_ITERATIONS && running(); n++) {
            boolean secure = random.nextBoolean();
            int how = random.nextInt(3);
            String kind = switch (random.nextInt(7)) {
                case 0 -> midHead(random, secure, how);
                case 1 -> midBody(random, secure, how);
                case 2 -> midFile(random, secure, how);
                case 3 -> midPipeline(random, secure, how);
                case 4 -> midScript(random, secure, how);
                case 5 -> midHandshake(random);
                default -> idle(secure, how);
            };
            tally.count("vanished_" + kind);
            if (n % 5 == 4) {
                healthy(secure);
            }
            pause(random.nextInt(50));
        }
    }

    /** Leaves: 0 with a reset, 1 with a bare FIN, 2 with a clean close (close_notify first on TLS). */
    private static void leave(Target.Link link, int how) {
        switch (how) {
            case 0 -> link.vanish();
            case 1 -> link.hangUp();
            default -> link.close();
        }
    }

    private String midHead(SplittableRandom random, boolean secure, int how) {
        byte[] head = Http1.request("GET", "/1m.bin", "User-Agent: vanishing", "Accept: */*");
        try {
            Target.Link link = target.connect(secure);
            link.socket().getOutputStream().write(head, 0, 1 + random.nextInt(head.length - 2));
            link.socket().getOutputStream().flush();
            leave(link, how);
        } catch (IOException e) {
            tally.count("expected_io");
        }
        return "mid_head";
    }

    private String midBody(SplittableRandom random, boolean secure, int how) {
        int length = 10 << 20;
        byte[] block = new byte[64 * 1024];
        random.nextBytes(block);
        try {
            Target.Link link = target.connect(secure);
            OutputStream out = link.socket().getOutputStream();
            out.write(Http1.request("POST", "/cgi-bin/upload.pl", "Content-Length: " + length,
                    "Content-Type: application/octet-stream"));
            for (int sent = 0, stop = random.nextInt(length); sent < stop; sent += block.length) {
                out.write(block, 0, Math.min(block.length, stop - sent));
            }
            out.flush();
            leave(link, how);
        } catch (IOException e) {
            tally.count("expected_io");
        }
        return "mid_body";
    }

    private String midFile(SplittableRandom random, boolean secure, int how) {
        return midResponse(random, secure, how, Http1.request("GET", "/5m.bin"), 4 << 20, "mid_file");
    }

    private String midPipeline(SplittableRandom random, boolean secure, int how) {
        byte[] one = Http1.request("GET", "/1m.bin");
        byte[] batch = new byte[one.length * 8];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        return midResponse(random, secure, how, batch, 3 << 20, "mid_pipeline");
    }

    private String midScript(SplittableRandom random, boolean secure, int how) {
        return midResponse(random, secure, how, Http1.request("GET", "/cgi-bin/slow.pl"), 2000, "mid_script");
    }

    /** Sends {@code request}, reads up to {@code most} bytes of the answer (at random), and leaves. */
    private String midResponse(SplittableRandom random, boolean secure, int how, byte[] request, int most,
            String kind) {
        try {
            Target.Link link = target.connect(secure);
            link.socket().getOutputStream().write(request);
            link.socket().getOutputStream().flush();
            InputStream in = link.socket().getInputStream();
            byte[] buffer = new byte[16 * 1024];
            int wanted = 1 + random.nextInt(most);
            int got = 0;
            boolean answered = false;
            while (got < wanted) {
                int n = in.read(buffer, 0, Math.min(buffer.length, wanted - got));
                if (n < 0) {
                    break;
                }
                int status = got == 0 ? statusOf(buffer, n) : -1;
                if (status > 0) {
                    tally.status(status, "GET before vanishing (" + kind + ")");
                    answered = true;
                }
                got += n;
            }
            if (!answered) {
                tally.count("vanished_before_status");
            }
            leave(link, how);
        } catch (IOException e) {
            tally.count("expected_io");
        }
        return kind;
    }

    /** Returns the status code of the response whose first {@code n} bytes are in {@code bytes}, or -1. */
    private static int statusOf(byte[] bytes, int n) {
        String head = new String(bytes, 0, Math.min(n, 12), ISO_8859_1);
        if (head.length() < 12 || !head.startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Connects to the TLS port and sends part of a TLS record header, or nothing, then leaves. */
    private String midHandshake(SplittableRandom random) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.tlsPort()), Target.CONNECT_TIMEOUT_MS);
            byte[] start = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
            socket.getOutputStream().write(Arrays.copyOf(start, random.nextInt(start.length)));
            if (random.nextBoolean()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            tally.count("expected_io");
        }
        return "mid_handshake";
    }

    /** Connects, sends nothing, and leaves. */
    private String idle(boolean secure, int how) {
        try {
            leave(target.connect(secure), how);
        } catch (IOException e) {
            tally.count("expected_io");
        }
        return "idle";
    }

    /** A normal request on a new connection: it must be answered. */
    private void healthy(boolean secure) {
        try (Http1 connection = new Http1(target.connect(secure))) {
            connection.send(Http1.request("GET", "/1k.bin"));
            Http1.Response response = connection.read("GET");
            tally.count("requests");
            tally.status(response.status(), "GET /1k.bin between vanishing clients");
            if (response.status() != 200 || !Arrays.equals(response.body(), target.file("1k.bin"))) {
                tally.error("health", "GET /1k.bin answered " + response.status() + " with "
                        + response.body().length + " bytes between vanishing clients");
            }
        } catch (IOException e) {
            connectionError("GET /1k.bin between vanishing clients", e);
        }
    }
}
