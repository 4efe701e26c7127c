package org.twisted4j.web.distrib;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.spread.pb.Broker;
import org.twisted4j.spread.pb.PBServerFactory;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;
import org.twisted4j.web.StaticFile;

/** Requests forwarded by a {@link ResourceSubscription} to a {@link ResourcePublisher} on a UNIX socket. */
@ExtendWith(TrialExtension.class)
class ResourcePublisherTest {

    @TempDir
    Path dir;

    private LoopbackSite direct;
    private LoopbackSite front;
    private ListeningPort publisherPort;
    private Path big;

    /** Answers with what it was asked: method, path, arguments, client host, Host, then the body. */
    static final class Echo extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public byte[] render(Request request) {
            request.setHeader("Content-Type", "application/octet-stream");
            request.setHeader("X-Echo", "yes");
            String head = request.getMethod() + " " + request.getPath() + " " + request.getArgs() + " "
                    + request.getHeader("Host") + " " + request.getHeader("X-Custom") + "\n";
            byte[] first = head.getBytes(UTF_8);
            byte[] body = request.content();
            byte[] all = new byte[first.length + body.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(body, 0, all, first.length, body.length);
            return all;
        }
    }

    private final List<Broker> brokers = new ArrayList<>();
    private final Deferred<@Nullable Void> hangArrived = new Deferred<>();
    private final Deferred<@Nullable Void> hangDropped = new Deferred<>();

    /** Never answers; tells when a request arrives and when it is dropped. */
    final class Hang extends Resource {
        @Override
        public byte[] render(Request request) {
            request.notifyFinish().addErrback(failure -> {
                hangDropped.callback(null);
                return null;
            });
            hangArrived.callback(null);
            return NOT_DONE_YET;
        }
    }

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 256);
        }
        big = Files.write(files.resolve("big.bin"), bytes);
        Files.writeString(files.resolve("index.html"), "<p>published</p>\n");
        Resource root = new StaticFile(files);
        root.putChild("echo", new Echo());
        Site site = new Site(root, reactor);
        direct = LoopbackSite.listen(reactor, site);
        Path socket = dir.resolve("pb.sock");
        root.putChild("hang", new Hang());
        ResourcePublisher publisher = new ResourcePublisher(site);
        publisherPort = reactor.listenUNIX(socket, new PBServerFactory(broker -> {
            brokers.add(broker);
            return publisher;
        }));
        Resource frontRoot = new Resource();
        frontRoot.putChild("sub", new ResourceSubscription(reactor, socket));
        frontRoot.putChild("gone", new ResourceSubscription(reactor, dir.resolve("missing.sock")));
        front = LoopbackSite.listen(reactor, frontRoot);
    }

    @AfterEach
    void stop() throws Exception {
        front.stop();
        direct.stop();
        publisherPort.stopListening();
    }

    private Run curl(LoopbackSite site, String... arguments) throws Exception {
        Run run = site.curl(arguments);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run;
    }

    @Test
    void getComesBackByteIdentical() throws Exception {
        String through = curl(front, front.url("/sub/big.bin")).stdout();
        assertThat(Arrays.equals(through.getBytes(ISO_8859_1), Files.readAllBytes(big))).as("big.bin").isTrue();
        assertThat(curl(front, "-i", front.url("/sub/"))).extracting(Run::stdout).asString()
                .startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n<p>published</p>\n");
        String echoed = curl(front, "-H", "X-Custom: one", front.url("/sub/echo/a%20b?x=1&y=2")).stdout();
        String expected = curl(direct, "-H", "X-Custom: one", "-H", "Host: 127.0.0.1:" + front.port(),
                direct.url("/echo/a%20b?x=1&y=2")).stdout();
        // The publisher's request keeps the path the front server consumed (in its prepath), as Twisted's does.
        assertThat(echoed).isEqualTo(expected.replaceFirst("^GET /echo/", "GET /sub/echo/"))
                .startsWith("GET /sub/echo/a%20b {x=[1], y=[2]} 127.0.0.1:");
        assertThat(curl(front, "-i", front.url("/sub/echo")).stdout()).startsWith("HTTP/1.1 200 ")
                .contains("\r\nX-Echo: yes\r\n").contains("\r\nContent-Type: application/octet-stream\r\n");
    }

    @Test
    void postComesBackByteIdentical() throws Exception {
        Path upload = dir.resolve("upload.bin");
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i ^ (i >> 8));
        }
        Files.write(upload, bytes);
        String type = "Content-Type: application/octet-stream";
        String through = curl(front, "--data-binary", "@" + upload, "-H", type, front.url("/sub/echo")).stdout();
        String expected = curl(direct, "--data-binary", "@" + upload, "-H", type,
                "-H", "Host: 127.0.0.1:" + front.port(), direct.url("/echo")).stdout();
        assertThat(through.equals(expected.replaceFirst("^POST /echo ", "POST /sub/echo ")))
                .as("the same bytes through the subscription").isTrue();
        assertThat(through).startsWith("POST /sub/echo {} ");
        assertThat(through.getBytes(ISO_8859_1)).endsWith(bytes);
        assertThat(curl(front, "-d", "name=alice&n=2", front.url("/sub/echo")).stdout())
                .startsWith("POST /sub/echo {name=[alice], n=[2]} ").endsWith("\nname=alice&n=2");
    }

    @Test
    void aLostConnectionDropsTheOpenRequestAnswers502AndIsMadeAgain(NioReactor reactor) throws Exception {
        assertThat(curl(front, "-i", front.url("/sub/")).stdout()).startsWith("HTTP/1.1 200 ");
        assertThat(curl(front, "-i", front.url("/sub/")).stdout()).startsWith("HTTP/1.1 200 ");
        assertThat(brokers).hasSize(1);
        String curl = Peer.CURL.require().toString();
        Deferred<String> pending = reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(curl, "-sS", "-i", "--max-time", "20", "--noproxy", "*",
                    front.url("/sub/hang")).redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes(), ISO_8859_1);
        });
        Coroutine.await(hangArrived);
        brokers.getFirst().loseConnection();
        Coroutine.await(hangDropped);
        assertThat(Coroutine.await(pending)).startsWith("HTTP/1.1 502 ");
        assertThat(curl(front, "-i", front.url("/sub/")).stdout()).startsWith("HTTP/1.1 200 ");
        assertThat(brokers).hasSize(2);
    }

    @Test
    void anUnreachablePublisherIs502() throws Exception {
        assertThat(curl(front, "-i", front.url("/gone/page")).stdout()).startsWith("HTTP/1.1 502 ")
                .contains("Bad Gateway").contains("personal server");
        assertThat(curl(front, "-i", front.url("/sub/")).stdout()).startsWith("HTTP/1.1 200 ");
    }
}
