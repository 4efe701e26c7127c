package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** The agent against nginx over HTTP/2 with TLS: ALPN chooses h2, and concurrent requests share one connection. */
@ExtendWith(TrialExtension.class)
class AgentHttp2InteropTest {

    @Test
    void fiftyConcurrentRequestsToNginxGoAsStreamsOfOneConnection(NioReactor reactor, @TempDir Path dir)
            throws Exception {
        Path openssl = Peer.OPENSSL.require();
        assumeTrue(Coroutine.await(reactor.deferToThread(AgentHttp2InteropTest::nginxHasHttp2)),
                "this nginx has no HTTP/2 module (nginx -V shows no --with-http_v2_module)");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        int made = Coroutine.await(reactor.deferToThread(() -> run(openssl.toString(), "req", "-x509", "-newkey",
                "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString())));
        assertThat(made).as("openssl made the certificate").isZero();
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] data = AgentInteropTest.data();
        Files.write(www.resolve("data.bin"), data);
        for (int i = 0; i < 50; i++) {
            Files.writeString(www.resolve("page" + i + ".txt"), "page " + i + "\n");
        }
        int number = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        Path access = dir.resolve("access.log");
        ExternalServer nginx = ExternalServer.nginx(reactor, dir, List.of(
                "  log_format serial '$connection $connection_requests \"$request\" $status';",
                "  access_log " + access + " serial;",
                "  server {", "    listen 127.0.0.1:" + number + " ssl http2;",
                "    ssl_certificate " + cert + ";", "    ssl_certificate_key " + key + ";", "    root " + www + ";",
                "    location /upload { client_max_body_size 10m; return 204; }", "  }"), number);
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        String log;
        try {
            Agent agent = Agent.builder(reactor).pool(pool).tlsPolicy(TlsPolicy.trusting(TrustRoot.fromPem(cert)))
                    .build();
            String base = "https://localhost:" + number + "/";
            List<Deferred<Response>> pages = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                pages.add(agent.request("GET", URI.create(base + "page" + i + ".txt"), null, null));
            }
            for (int i = 0; i < 50; i++) {
                Response page = Coroutine.await(pages.get(i));
                assertThat(page.version()).isEqualTo("HTTP/2");
                assertThat(page.headers().get("server")).startsWith("nginx");
                assertThat(new String(Coroutine.await(page.readBody()), UTF_8)).isEqualTo("page " + i + "\n");
            }
            Response big = Coroutine.await(agent.request("GET", URI.create(base + "data.bin"), null, null));
            assertThat(big.length()).isEqualTo(data.length);
            assertThat(Coroutine.await(big.readBody())).isEqualTo(data);
            Response upload = Coroutine.await(agent.request("POST", URI.create(base + "upload"), null,
                    BytesBodyProducer.of(data)));
            assertThat(upload.code()).isEqualTo(204);
            Coroutine.await(upload.readBody());
            Response missing = Coroutine.await(agent.request("GET", URI.create(base + "nothing"), null, null));
            assertThat(missing.code()).isEqualTo(404);
            Coroutine.await(missing.readBody());
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            log = nginx.stop(reactor);
        }
        List<String> lines = Files.readAllLines(access);
        assertThat(lines).as("nginx said:\n" + log).hasSize(53);
        String serial = lines.get(0).split(" ")[0];
        assertThat(lines).as("every request on connection %s, over HTTP/2", serial)
                .allMatch(line -> line.startsWith(serial + " ") && line.contains(" HTTP/2.0\" "));
        assertThat(lines).anyMatch(line -> line.contains("\"POST /upload HTTP/2.0\" 204"));
    }

    private static boolean nginxHasHttp2() throws Exception {
        Process version = new ProcessBuilder(Peer.NGINX.require().toString(), "-V").redirectErrorStream(true).start();
        String said = new String(version.getInputStream().readAllBytes(), UTF_8);
        version.waitFor(30, TimeUnit.SECONDS);
        return said.contains("with-http_v2_module");
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
