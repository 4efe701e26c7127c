package org.twisted4j.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/**
 * The treq-like client (redirects, gzip, cookies over the agent) against nginx: straight over http, and over
 * https through tinyproxy's CONNECT tunnel.
 */
@ExtendWith(TrialExtension.class)
class HttpClientNginxInteropTest {

    private static final String TEXT = "twisted4j and nginx, line after line\n".repeat(200);

    /** nginx in the foreground, serving the test's locations on a plain and a TLS port. */
    private record Nginx(ExternalServer server, int plain, int secure, Path access) {
        /** Stops it (once) and returns what it printed. */
        String stop(NioReactor reactor) throws Exception {
            return server.stop(reactor);
        }
    }

    private static Nginx startNginx(NioReactor reactor, Path dir) throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("text.txt"), TEXT);
        int plain = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        int secure = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        Path access = dir.resolve("access.log");
        String locations = String.join("\n",
                "    root " + www + ";", "    default_type text/plain;",
                "    gzip on;", "    gzip_types text/plain;", "    gzip_min_length 0;",
                "    location = /first { return 301 /second; }",
                "    location = /second { return 301 /target; }",
                "    location = /target { return 200 \"arrived\\n\"; }",
                "    location = /set { add_header Set-Cookie \"a=1; Path=/\"; return 200 \"set\\n\"; }",
                "    location = /cookie { return 200 \"$http_cookie\"; }");
        ExternalServer server = ExternalServer.nginx(reactor, dir, List.of(
                "  log_format zipped '$scheme \"$request\" $status gzip=$gzip_ratio cookie=\"$http_cookie\"';",
                "  access_log " + access + " zipped;",
                "  server {", "    listen 127.0.0.1:" + plain + ";", locations, "  }",
                "  server {", "    listen 127.0.0.1:" + secure + " ssl;", "    server_name localhost;",
                "    ssl_certificate " + dir.resolve("cert.pem") + ";",
                "    ssl_certificate_key " + dir.resolve("key.pem") + ";", locations, "  }"), plain, secure);
        return new Nginx(server, plain, secure, access);
    }

    /** Makes a self-signed certificate for localhost with openssl, as cert.pem and key.pem in {@code dir}. */
    private static void makeCertificate(NioReactor reactor, Path dir) throws Exception {
        Path program = Peer.OPENSSL.require();
        int exit = Coroutine.await(reactor.deferToThread(() -> {
            Process openssl = new ProcessBuilder(program.toString(), "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                    .redirectErrorStream(true).start();
            openssl.getInputStream().readAllBytes();
            return openssl.waitFor(60, TimeUnit.SECONDS) ? openssl.exitValue() : -1;
        }));
        assertThat(exit).as("openssl req").isZero();
    }

    /** Fetches, follows, decodes and keeps cookies against nginx at {@code base}; returns nothing, asserts. */
    private static void exercise(NioReactor reactor, HttpClient client, String base) throws Exception {
        Response landed = Coroutine.await(client.get(base + "/first"));
        assertThat(landed.code()).isEqualTo(200);
        assertThat(Coroutine.await(client.text(landed))).isEqualTo("arrived\n");
        assertThat(landed.requestUri().getPath()).isEqualTo("/target");
        Response second = landed.previousResponse();
        assertThat(second).isNotNull();
        assertThat(second.code()).isEqualTo(301);
        assertThat(second.requestUri().getPath()).isEqualTo("/second");
        Response first = second.previousResponse();
        assertThat(first).isNotNull();
        assertThat(first.requestUri().getPath()).isEqualTo("/first");

        Response text = Coroutine.await(client.get(base + "/text.txt"));
        assertThat(text.headers().contains("Content-Encoding")).as("decoded").isFalse();
        assertThat(Coroutine.await(client.text(text))).isEqualTo(TEXT);

        Response before = Coroutine.await(client.get(base + "/cookie"));
        assertThat(Coroutine.await(client.text(before))).isEmpty();
        Response set = Coroutine.await(client.get(base + "/set"));
        assertThat(set.headers().get("Set-Cookie")).isEqualTo("a=1; Path=/");
        Coroutine.await(client.text(set));
        Response echoed = Coroutine.await(client.get(base + "/cookie"));
        assertThat(Coroutine.await(client.text(echoed))).isEqualTo("a=1");
    }

    private static void checkLog(NioReactor reactor, Nginx nginx, String scheme) throws Exception {
        List<String> lines = Files.readAllLines(nginx.access());
        String log = nginx.stop(reactor);
        assertThat(lines).as("nginx said:\n" + log).containsExactly(
                scheme + " \"GET /first HTTP/1.1\" 301 gzip=- cookie=\"-\"",
                scheme + " \"GET /second HTTP/1.1\" 301 gzip=- cookie=\"-\"",
                scheme + " \"GET /target HTTP/1.1\" 200 gzip=" + lines.get(2).replaceAll(".*gzip=([^ ]*).*", "$1")
                        + " cookie=\"-\"",
                scheme + " \"GET /text.txt HTTP/1.1\" 200 gzip=" + lines.get(3).replaceAll(".*gzip=([^ ]*).*", "$1")
                        + " cookie=\"-\"",
                scheme + " \"GET /cookie HTTP/1.1\" 200 gzip=" + lines.get(4).replaceAll(".*gzip=([^ ]*).*", "$1")
                        + " cookie=\"-\"",
                scheme + " \"GET /set HTTP/1.1\" 200 gzip=" + lines.get(5).replaceAll(".*gzip=([^ ]*).*", "$1")
                        + " cookie=\"-\"",
                scheme + " \"GET /cookie HTTP/1.1\" 200 gzip=" + lines.get(6).replaceAll(".*gzip=([^ ]*).*", "$1")
                        + " cookie=\"a=1\"");
        double ratio = Double.parseDouble(lines.get(3).replaceAll(".*gzip=([^ ]*).*", "$1"));
        assertThat(ratio).as("the text went gzipped, at this compression ratio").isGreaterThan(10);
    }

    @Test
    void redirectsGzipAndCookiesAgainstNginx(NioReactor reactor, @TempDir Path dir) throws Exception {
        Peer.NGINX.require();
        makeCertificate(reactor, dir);
        Nginx nginx = startNginx(reactor, dir);
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        try {
            HttpClient client = HttpClient.create(Agent.builder(reactor).pool(pool).build(), reactor);
            exercise(reactor, client, "http://127.0.0.1:" + nginx.plain());
            // A redirect's body is still unread when the next request goes out, so a second connection opens.
            assertThat(pool.cachedConnectionCount()).as("connections kept and reused for 7 requests").isBetween(1, 2);
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            nginx.stop(reactor);
        }
        checkLog(reactor, nginx, "http");
    }

    @Test
    void redirectsGzipAndCookiesOverTlsThroughTinyproxysTunnel(NioReactor reactor, @TempDir Path dir)
            throws Exception {
        Peer.NGINX.require();
        Peer.TINYPROXY.require();
        makeCertificate(reactor, dir);
        Nginx nginx = startNginx(reactor, dir);
        @Nullable Tinyproxy proxy = null;
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        try {
            proxy = Tinyproxy.start(reactor, dir, List.of(nginx.secure()), null);
            ProxyAgent agent = ProxyAgent.builder(reactor, "127.0.0.1", proxy.port()).pool(pool)
                    .tlsPolicy(TlsPolicy.trusting(TrustRoot.fromPem(dir.resolve("cert.pem")))).build();
            exercise(reactor, HttpClient.create(agent, reactor), "https://localhost:" + nginx.secure());
            // A redirect's body is still unread when the next request goes out, so a second tunnel opens.
            assertThat(pool.cachedConnectionCount()).as("tunnels kept and reused for 7 requests").isBetween(1, 2);
            String log = proxy.log();
            String connect = "Request (file descriptor ";
            long tunnels = log.lines().filter(line -> line.contains(connect)
                    && line.contains("CONNECT localhost:" + nginx.secure() + " HTTP/1.1")).count();
            assertThat(tunnels).as(log).isBetween(1L, 2L);
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            if (proxy != null) {
                proxy.stop(reactor);
            }
            nginx.stop(reactor);
        }
        checkLog(reactor, nginx, "https");
    }
}
