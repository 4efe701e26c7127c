package org.twisted4j.bench.soak;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The upload phase: 50 MiB request bodies POSTed to the CGI script {@code upload.pl}, which answers their length
 * and MD5; the client checks both. Bodies go with a Content-Length, with {@code Expect: 100-continue}, or
 * chunked, over plain and TLS connections. Once per phase, a body over the server's limit is announced and must
 * be refused with 413 before it is sent.
 */
final class UploadLoad extends Phase {

    /** The size of each upload. */
    static final int UPLOAD_BYTES = 50 << 20;

    /** The Content-Length announced to be refused: more than the server's limit. */
    static final long OVERSIZED_BYTES = 1L << 30;

    /** Connections uploading at once: one plain, one TLS. */
    static final int CONNECTIONS = 2;

    private static final int BLOCK = 64 * 1024;

    UploadLoad(Target target, Tally tally, double seconds) {
        super(target, tally, seconds);
    }

    @Override
    List<Loop> loops() {
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            boolean secure = i % 2 == 1;
            boolean first = i == 0;
            loops.add(random -> uploads(random, secure, first));
        }
        return loops;
    }

    private void uploads(SplittableRandom random, boolean secure, boolean oversized) {
        if (oversized) {
            refused(secure);
        }
        for (int n = 0; n < MAX_ITERATIONS && running(); ) {
            try (Http1 connection = new Http1(target.connect(secure))) {
                tally.count("connections");
                for (int k = 1 + random.nextInt(4); k > 0 && running(); k--, n++) {
                    if (!upload(connection, random.split(), n % 3)) {
                        break;
                    }
                }
            } catch (IOException e) {
                connectionError("upload " + (secure ? "tls" : "tcp"), e);
                n++;
            }
        }
    }

    /**
     * Sends one upload: {@code mode} 0 with a Content-Length, 1 the same after {@code 100 Continue}, 2 chunked.
     * Returns whether the connection may be used again.
     */
    private boolean upload(Http1 connection, SplittableRandom random, int mode) throws IOException {
        String what = "POST /cgi-bin/upload.pl (" + UPLOAD_BYTES + " bytes, "
                + (mode == 0 ? "Content-Length" : mode == 1 ? "100-continue" : "chunked") + ")";
        byte[] head = mode == 2
                ? Http1.request("POST", "/cgi-bin/upload.pl", "Transfer-Encoding: chunked",
                        "Content-Type: application/octet-stream")
                : mode == 1
                ? Http1.request("POST", "/cgi-bin/upload.pl", "Content-Length: " + UPLOAD_BYTES,
                        "Content-Type: application/octet-stream", "Expect: 100-continue")
                : Http1.request("POST", "/cgi-bin/upload.pl", "Content-Length: " + UPLOAD_BYTES,
                        "Content-Type: application/octet-stream");
        connection.send(head);
        if (mode == 1) {
            Http1.Response interim = connection.readHead();
            if (interim.status() != 100) {
                tally.count("requests");
                tally.status(interim.status(), what + " before its body");
                tally.error("status", interim.status() + " instead of 100 Continue for " + what);
                return false;
            }
        }
        MessageDigest md5 = Uploads.digest();
        byte[] block = new byte[BLOCK];
        for (int sent = 0; sent < UPLOAD_BYTES; sent += BLOCK) {
            random.nextBytes(block);
            int length = Math.min(BLOCK, UPLOAD_BYTES - sent);
            md5.update(block, 0, length);
            if (mode == 2) {
                connection.send((Integer.toHexString(length) + "\r\n").getBytes(ISO_8859_1));
                connection.send(block, 0, length);
                connection.send("\r\n".getBytes(ISO_8859_1));
            } else {
                connection.send(block, 0, length);
            }
        }
        if (mode == 2) {
            connection.send("0\r\n\r\n".getBytes(ISO_8859_1));
        }
        Http1.Response response = connection.read("POST");
        tally.count("requests");
        tally.count("uploads");
        tally.status(response.status(), what);
        if (response.status() != 200) {
            if (response.status() < 500) {
                tally.error("status", response.status() + " instead of 200 for " + what);
            }
            return false;
        }
        byte[] expected = Uploads.answer(UPLOAD_BYTES, HexFormat.of().formatHex(md5.digest()));
        if (!Arrays.equals(expected, response.body())) {
            tally.error("body", "'" + new String(response.body(), ISO_8859_1).strip() + "' instead of '"
                    + new String(expected, ISO_8859_1).strip() + "' for " + what);
            return false;
        }
        tally.add("uploaded_mib", UPLOAD_BYTES >> 20);
        return !response.closes();
    }

    /** Announces a body over the limit: it must be refused with 413 before it is sent. */
    private void refused(boolean secure) {
        String what = "POST /cgi-bin/upload.pl (Content-Length " + OVERSIZED_BYTES + ", over the limit)";
        try (Http1 connection = new Http1(target.connect(secure))) {
            connection.send(Http1.request("POST", "/cgi-bin/upload.pl", "Content-Length: " + OVERSIZED_BYTES,
                    "Content-Type: application/octet-stream", "Expect: 100-continue"));
            Http1.Response response = connection.read("POST");
            tally.count("requests");
            tally.status(response.status(), what);
            if (response.status() == 413) {
                tally.count("refused_413");
            } else if (response.status() < 500) {
                tally.error("status", response.status() + " instead of 413 for " + what);
            }
        } catch (IOException e) {
            connectionError("oversized upload", e);
        }
    }
}
