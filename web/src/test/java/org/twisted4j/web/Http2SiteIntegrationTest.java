package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;

/**
 * A Site's resources over HTTP/2, to curl, nghttp and h2load: h2c by prior knowledge on a plain port, and h2
 * negotiated by ALPN on a TLS port, with the same tree as over HTTP/1.1.
 */
@ExtendWith(TrialExtension.class)
class Http2SiteIntegrationTest {

    private static final int FILE_SIZE = 3 * 1024 * 1024 + 17;

    /** Answers with the protocol, the method and the body's length. */
    static final class Describe extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return (request.getClientProto() + " " + request.getMethod() + " " + request.getPath() + " host="
                    + request.getRequestHostname() + "\n").getBytes(UTF_8);
        }

        @Override
        protected byte[] renderPOST(Request request) {
            return (request.getClientProto() + " POST length=" + request.content().length + " args="
                    + request.getArgs() + "\n").getBytes(UTF_8);
        }
    }

    /** Fails to render. */
    static final class Broken extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    private NioReactor reactor;
    private LoopbackSite plain;
    private LoopbackSite secure;
    private Path file;

    @BeforeEach
    void listen(NioReactor reactor, @TempDir Path dir) throws Exception {
        this.reactor = reactor;
        file = dir.resolve("big.bin");
        byte[] data = new byte[FILE_SIZE];
        new Random(7).nextBytes(data);
        Files.write(file, data);
        Resource root = new Resource();
        root.putChild("describe", new Describe());
        root.putChild("broken", new Broken());
        root.putChild("files", new StaticFile(dir));
        plain = LoopbackSite.listen(reactor, new Site(root, reactor));
        secure = LoopbackSite.listenTls(reactor, new Site(root, reactor));
    }

    @AfterEach
    void stop() throws Exception {
        plain.stop();
        secure.stop();
    }

    private Run nghttp(String... arguments) throws Exception {
        return HttpPeers.run(reactor, Peer.NGHTTP, arguments);
    }

    @Test
    void curlWithPriorKnowledgeGetsTheSameResourceOverH2c() throws Exception {
        Run run = plain.curl("--http2-prior-knowledge", "-i", plain.url("/describe?x=1"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/2 200").contains("\r\ncontent-type: text/plain\r\n")
                .endsWith("\r\n\r\nHTTP/2.0 GET /describe host=127.0.0.1\n");
    }

    @Test
    void curlNegotiatesH2OnTlsAndGetsAStaticFileIntact(@TempDir Path out) throws Exception {
        Path fetched = out.resolve("fetched.bin");
        Run run = secure.curl("-k", "--http2", "-o", fetched.toString(), "-w", "%{http_version} %{http_code}",
                secure.url("/files/big.bin"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("2 200");
        assertThat(Files.mismatch(file, fetched)).isEqualTo(-1);
    }

    @Test
    void aFormPostOverH2cReachesTheResourceWithItsBodyAndArguments() throws Exception {
        Run run = plain.curl("--http2-prior-knowledge", "--data", "a=1&b=two&a=3", plain.url("/describe"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("HTTP/2.0 POST length=13 args={a=[1, 3], b=[two]}\n");
    }

    @Test
    void headOverH2GivesTheLengthAndNoBody() throws Exception {
        Run run = plain.curl("--http2-prior-knowledge", "-I", plain.url("/files/big.bin"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("HTTP/2 200").contains("\r\ncontent-length: " + FILE_SIZE + "\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void aFailingResourceIs500OnItsStreamAndTheConnectionServesTheNextOne(Trial trial) throws Exception {
        Run run = nghttp("-n", "-s", plain.url("/broken"), plain.url("/describe"));
        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(run.stdout()).containsPattern("\\s500\\s").containsPattern("\\s200\\s");
        assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
    }

    @Test
    void nghttpRunsManyConcurrentStreamsOverTls() throws Exception {
        Run run = nghttp("-n", "-m", "40", "-s", secure.url("/describe"));
        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(run.stdout().lines().filter(line -> line.contains("/describe")).count()).isEqualTo(40);
    }

    @Test
    void h2loadCompletesEveryRequestOnSeveralMultiplexedConnections() throws Exception {
        Run run = HttpPeers.run(reactor, Peer.H2LOAD, "-n", "400", "-c", "4", "-m", "16",
                plain.url("/describe"));
        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(run.stdout()).contains("400 succeeded, 0 failed, 0 errored").contains("status codes: 400 2xx");
    }
}
