package org.twisted4j.testing.protocols.socks;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Protocol;
import org.twisted4j.peers.Peer;
import org.twisted4j.protocols.socks.CredentialsChecker;
import org.twisted4j.protocols.socks.SocksFactory;
import org.twisted4j.protocols.socks.SocksOptions;
import org.twisted4j.trial.TrialExtension;

/** The real curl, as a SOCKS client of our server, fetching from a tiny HTTP responder of ours. */
@ExtendWith(TrialExtension.class)
class SocksCurlInteropTest {

    private static final String BODY = "hello through socks\n";

    /** Answers any request with a fixed 200 response naming the request line, then closes. */
    static final class TinyHttp extends Protocol {
        private final StringBuilder request = new StringBuilder();
        private boolean answered;

        @Override
        public void dataReceived(ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            request.append(new String(copy, ISO_8859_1));
            int end = request.indexOf("\r\n\r\n");
            if (end < 0 || answered) {
                return;
            }
            answered = true;
            String body = BODY + request.substring(0, request.indexOf("\r\n")) + "\n";
            transport().write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(ISO_8859_1));
            transport().loseConnection();
        }
    }

    record Run(int exitCode, String output) {
    }

    private NioReactor reactor;
    private ListeningPort http;
    private final List<ListeningPort> proxies = new ArrayList<>();
    private final List<String> lookups = new ArrayList<>();
    private final StringWriter log = new StringWriter();
    private int requests;

    @BeforeEach
    void startHttp(NioReactor reactor) {
        this.reactor = reactor;
        http = reactor.listenTCP(0, Factory.forProtocol(() -> {
            requests++;
            return new TinyHttp();
        }), 50, "127.0.0.1");
    }

    @AfterEach
    void stopListening() throws Exception {
        for (ListeningPort port : proxies) {
            Coroutine.await(port.stopListening());
        }
        Coroutine.await(http.stopListening());
    }

    private int httpPort() {
        return ((IPv4Address) http.getHost()).port();
    }

    /** Starts a SOCKS server whose resolver knows web.test as 127.0.0.1. */
    private int socks(SocksOptions options) {
        SocksOptions configured = options.withLog(log).withResolver(host -> {
            lookups.add(host);
            try {
                return Deferred.succeed(host.equals("web.test") ? List.of(InetAddress.getByName("127.0.0.1")) : List.of());
            } catch (java.net.UnknownHostException e) {
                return Deferred.fail(e);
            }
        });
        ListeningPort port = reactor.listenTCP(0, new SocksFactory(reactor, configured), 50, "127.0.0.1");
        proxies.add(port);
        return ((IPv4Address) port.getHost()).port();
    }

    private Run curl(String... arguments) throws Exception {
        Path curl = Peer.CURL.require();
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20"));
        command.addAll(List.of(arguments));
        return Coroutine.await(reactor.deferToThread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, output + "\n(curl did not finish in 30 seconds)");
            }
            return new Run(process.exitValue(), output);
        }));
    }

    private void assertFetched(Run run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo(BODY + "GET /x HTTP/1.1\n");
    }

    @Test
    void curlSocks5FetchesThroughTheProxy() throws Exception {
        int proxy = socks(SocksOptions.defaults());
        assertFetched(curl("--socks5", "127.0.0.1:" + proxy, "http://127.0.0.1:" + httpPort() + "/x"));
        assertThat(log.toString()).isEqualTo(
                "127.0.0.1:" + clientPortIn(log) + "\tsocks5\tCONNECT\t127.0.0.1:" + httpPort() + "\tgranted\n");
    }

    @Test
    void curlSocks5HostnameHasTheProxyResolveTheName() throws Exception {
        int proxy = socks(SocksOptions.defaults());
        assertFetched(curl("--socks5-hostname", "127.0.0.1:" + proxy, "http://web.test:" + httpPort() + "/x"));
        assertThat(lookups).containsExactly("web.test");
    }

    @Test
    void curlSocks4aHasTheProxyResolveTheName() throws Exception {
        int proxy = socks(SocksOptions.defaults());
        assertFetched(curl("--socks4a", "127.0.0.1:" + proxy, "http://web.test:" + httpPort() + "/x"));
        assertThat(lookups).containsExactly("web.test");
        assertThat(log.toString()).contains("\tsocks4\tCONNECT\tweb.test:" + httpPort() + "\tgranted");
    }

    @Test
    void curlSocks4FetchesThroughTheProxy() throws Exception {
        int proxy = socks(SocksOptions.defaults());
        assertFetched(curl("--socks4", "127.0.0.1:" + proxy, "http://127.0.0.1:" + httpPort() + "/x"));
    }

    @Test
    void curlWithTheRightPasswordFetchesAndWithAWrongOneIsRefused() throws Exception {
        int proxy = socks(SocksOptions.defaults()
                .withCredentials(CredentialsChecker.of((user, password) -> user.equals("u") && password.equals("p"))));
        assertFetched(curl("--socks5-hostname", "127.0.0.1:" + proxy, "--proxy-user", "u:p",
                "http://web.test:" + httpPort() + "/x"));
        Run refused = curl("--socks5", "127.0.0.1:" + proxy, "--proxy-user", "u:wrong",
                "http://127.0.0.1:" + httpPort() + "/x");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        Run anonymous = curl("--socks5", "127.0.0.1:" + proxy, "http://127.0.0.1:" + httpPort() + "/x");
        assertThat(anonymous.exitCode()).as(anonymous.output()).isNotZero();
        assertThat(requests).isEqualTo(1);
    }

    @Test
    void curlIsToldWhenTheDestinationRefuses() throws Exception {
        int proxy = socks(SocksOptions.defaults());
        ListeningPort closed = reactor.listenTCP(0, Factory.forProtocol(TinyHttp::new), 50, "127.0.0.1");
        int deadPort = ((IPv4Address) closed.getHost()).port();
        Coroutine.await(closed.stopListening());
        Run run = curl("--socks5", "127.0.0.1:" + proxy, "http://127.0.0.1:" + deadPort + "/x");
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(log.toString()).contains("refused: connection refused");
    }

    private static String clientPortIn(StringWriter log) {
        String text = log.toString();
        return text.substring(text.indexOf(':') + 1, text.indexOf('\t'));
    }
}
