package org.twisted4j.web.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** The agent against servers that are not ours: Python Twisted's web server and nginx, on loopback. */
@ExtendWith(TrialExtension.class)
class AgentInteropTest {

    static byte[] data() {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + (i >> 11));
        }
        return data;
    }

    static Response await(Deferred<Response> d) throws Exception {
        return Coroutine.await(d);
    }

    @Test
    void fetchesFromPythonTwistedOverOneKeptConnection(NioReactor reactor, @TempDir Path dir) throws Exception {
        Peer.PYTHON_TWISTED.require();
        Files.writeString(dir.resolve("hello.txt"), "hello from Twisted\n");
        byte[] data = data();
        Files.write(dir.resolve("data.bin"), data);
        ExternalServer twisted = ExternalServer.twistedWeb(reactor, dir);
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        try {
            int number = twisted.port();
            Agent agent = Agent.builder(reactor).pool(pool).build();
            String base = "http://127.0.0.1:" + number + "/";
            Response hello = await(agent.request("GET", URI.create(base + "hello.txt"), null, null));
            assertThat(hello.code()).isEqualTo(200);
            assertThat(hello.headers().get("Server")).startsWith("TwistedWeb/");
            assertThat(new String(Coroutine.await(hello.readBody()), UTF_8)).isEqualTo("hello from Twisted\n");
            Response big = await(agent.request("GET", URI.create(base + "data.bin"), null, null));
            assertThat(Coroutine.await(big.readBody())).isEqualTo(data);
            Response head = await(agent.request("HEAD", URI.create(base + "data.bin"), null, null));
            assertThat(head.headers().get("Content-Length")).isEqualTo(Integer.toString(data.length));
            assertThat(Coroutine.await(head.readBody())).isEmpty();
            Response missing = await(agent.request("GET", URI.create(base + "nothing"), null, null));
            assertThat(missing.code()).isEqualTo(404);
            Coroutine.await(missing.readBody());
            assertThat(pool.cachedConnectionCount()).as("one connection served them all").isEqualTo(1);
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            twisted.stop(reactor);
        }
    }

    @Test
    void fetchesAndUploadsToNginxReusingTheConnectionAsItsAccessLogShows(NioReactor reactor, @TempDir Path dir)
            throws Exception {
        Peer.NGINX.require();
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] data = data();
        Files.write(www.resolve("data.bin"), data);
        Files.writeString(www.resolve("hello.txt"), "hello from nginx\n");
        int number = Coroutine.await(reactor.deferToThread(ExternalServer::freePort));
        Path access = dir.resolve("access.log");
        ExternalServer nginx = ExternalServer.nginx(reactor, dir, List.of(
                "  log_format serial '$connection $connection_requests \"$request\" $status $request_length';",
                "  access_log " + access + " serial;", "  keepalive_requests 100;",
                "  server {", "    listen 127.0.0.1:" + number + ";", "    root " + www + ";",
                "    location /upload { client_max_body_size 10m; return 204; }", "  }"), number);
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        String log;
        try {
            Agent agent = Agent.builder(reactor).pool(pool).userAgent("twisted4j-test").build();
            String base = "http://127.0.0.1:" + number + "/";
            Response hello = await(agent.request("GET", URI.create(base + "hello.txt"), null, null));
            assertThat(hello.headers().get("Server")).startsWith("nginx");
            assertThat(new String(Coroutine.await(hello.readBody()), UTF_8)).isEqualTo("hello from nginx\n");
            Response big = await(agent.request("GET", URI.create(base + "data.bin"), null, null));
            assertThat(Coroutine.await(big.readBody())).isEqualTo(data);
            Response chunked = await(agent.request("POST", URI.create(base + "upload"), null,
                    new FileBodyProducer(reactor, new java.io.ByteArrayInputStream(data))));
            assertThat(chunked.code()).isEqualTo(204);
            Coroutine.await(chunked.readBody());
            Response sized = await(agent.request("PUT", URI.create(base + "upload"), null,
                    BytesBodyProducer.of("x".repeat(1000).getBytes(ISO_8859_1))));
            assertThat(sized.code()).isEqualTo(204);
            Coroutine.await(sized.readBody());
            Response missing = await(agent.request("GET", URI.create(base + "nothing"), null, null));
            assertThat(missing.code()).isEqualTo(404);
            Coroutine.await(missing.readBody());
            assertThat(pool.cachedConnectionCount()).isEqualTo(1);
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            log = nginx.stop(reactor);
        }
        List<String> lines = Files.readAllLines(access);
        assertThat(lines).as("nginx said:\n" + log).hasSize(5);
        String serial = lines.get(0).split(" ")[0];
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("request %d on connection %s", i + 1, serial)
                    .startsWith(serial + " " + (i + 1) + " ");
        }
        assertThat(lines.get(2)).contains("\"POST /upload HTTP/1.1\" 204");
        assertThat(lines.get(3)).contains("\"PUT /upload HTTP/1.1\" 204");
    }
}
