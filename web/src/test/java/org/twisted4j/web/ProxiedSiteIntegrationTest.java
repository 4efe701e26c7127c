package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.haproxy.HAProxyWrappingFactory;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers.Run;
import org.twisted4j.web.cgi.FilteredScript;

/**
 * A site behind the PROXY protocol, on the real reactor: the client's address from the header reaches the
 * access log and CGI's {@code REMOTE_ADDR}; curl's {@code --haproxy-protocol} is a real peer sending version 1.
 */
@ExtendWith(TrialExtension.class)
class ProxiedSiteIntegrationTest {

    @TempDir
    Path dir;

    private NioReactor reactor;
    private ListeningPort port;
    private final List<String> accessLog = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen(NioReactor reactor) throws Exception {
        String perl = Peer.PERL.require().toString();
        this.reactor = reactor;
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("env.pl"), "print \"Content-Type: text/plain\\n\\n$ENV{REMOTE_ADDR}\\n\";\n");
        StaticFile files = new StaticFile(www);
        files.setProcessors(Map.of(".pl", file -> new FilteredScript(reactor, file, perl)));
        Site site = new Site(files, reactor);
        site.setAccessLog(accessLog::add);
        port = reactor.listenTCP(0, new HAProxyWrappingFactory(site, reactor), 50, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        Coroutine.await(port.stopListening());
    }

    private int portNumber() {
        return ((IPv4Address) port.getHost()).port();
    }

    @Test
    void theClientInTheHeaderIsCgisRemoteAddrAndTheAccessLogsHost() throws Exception {
        String response = HttpPeers.raw(reactor, portNumber(), "PROXY TCP4 203.0.113.9 198.51.100.1 40000 80\r\n"
                + "GET /env.pl HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n203.0.113.9\n\r\n");
        assertThat(accessLog).singleElement().asString().startsWith("203.0.113.9 - - [")
                .contains("\"GET /env.pl HTTP/1.1\" 200 ");
    }

    @Test
    void curlsProxyProtocolHeaderIsRead() throws Exception {
        Run run = HttpPeers.curl(reactor, "--haproxy-protocol", "--http1.1",
                "http://127.0.0.1:" + portNumber() + "/env.pl");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("127.0.0.1\n");
        assertThat(HttpPeers.curl(reactor, "-w", "%{http_code}", "http://127.0.0.1:" + portNumber() + "/env.pl").stdout())
                .as("without the header the connection is dropped").isEqualTo("000");
    }
}
