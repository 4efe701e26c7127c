package org.twisted4j.web.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.LoopbackSite;
import org.twisted4j.web.Resource;

/** The proxy in front of Python Twisted's own web server ({@code twist web --path}), fetched with curl. */
@ExtendWith(TrialExtension.class)
class ReverseProxyTwistedBackendTest {

    @Test
    void servesPythonTwistedsFilesThroughTheProxy(NioReactor reactor, @TempDir Path dir) throws Exception {
        Peer.PYTHON_TWISTED.require();
        Files.writeString(dir.resolve("hello.txt"), "hello from Twisted\n");
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + (i >> 11));
        }
        Files.write(dir.resolve("data.bin"), data);

        ExternalServer twisted = ExternalServer.twistedWeb(reactor, dir);
        LoopbackSite listening = null;
        try {
            int backendPort = twisted.port();
            Resource root = new Resource();
            root.putChild("tw", new ReverseProxyResource("127.0.0.1", backendPort, ""));
            listening = LoopbackSite.listen(reactor, root);
            String base = listening.url("/tw/");

            Run hello = HttpPeers.curl(reactor, "-i", base + "hello.txt");
            assertThat(hello.exitCode()).as(hello.stderr()).isZero();
            assertThat(hello.stdout()).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("\r\nServer: TwistedWeb/")
                    .contains("\r\nContent-Length: 19\r\n").endsWith("\r\n\r\nhello from Twisted\n");

            Run big = HttpPeers.curl(reactor, base + "data.bin");
            assertThat(big.exitCode()).as(big.stderr()).isZero();
            assertThat(big.stdout()).isEqualTo(new String(data, ISO_8859_1));

            Run listing = HttpPeers.curl(reactor, base);
            assertThat(listing.exitCode()).as(listing.stderr()).isZero();
            assertThat(listing.stdout()).contains("hello.txt").contains("data.bin");

            Run missing = HttpPeers.curl(reactor, "-o", "/dev/null", "-w", "%{http_code}", base + "nothing");
            assertThat(missing.stdout()).isEqualTo("404");
        } finally {
            if (listening != null) {
                listening.stop();
            }
            twisted.stop(reactor);
        }
    }
}
