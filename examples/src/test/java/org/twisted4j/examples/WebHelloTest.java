package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogFormat;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class WebHelloTest {

    /** Runs curl with {@code args} (no proxy), returns what it printed. */
    static String curl(NioReactor reactor, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-sS", "--noproxy", "*", "--max-time", "20"));
        all.addAll(List.of(args));
        Peers.Outcome curl = Coroutine.await(Peers.tool(reactor, Peer.CURL, "", all.toArray(String[]::new)));
        assertThat(curl.exitCode()).as(curl.output()).isZero();
        return curl.output();
    }

    static String url(ListeningPort port, String path) {
        return "http://127.0.0.1:" + EchoServerTest.portNumber(port) + path;
    }

    @Test
    void everyGetIsAnsweredHelloWorldAsPlainText(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(WebHello.start(reactor, "tcp:0:interface=127.0.0.1"));

        assertThat(curl(reactor, "-i", url(port, "/"))).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n").contains("\r\nContent-Length: 13\r\n")
                .endsWith("\r\n\r\nHello, World!");
        assertThat(curl(reactor, url(port, "/any/path?at=all"))).isEqualTo("Hello, World!");
        assertThat(curl(reactor, "-i", "-X", "POST", url(port, "/"))).startsWith("HTTP/1.1 405 ");
        Coroutine.await(port.stopListening());
    }

    @Test
    void logsTheSameListeningLineAsTheOtherExamples(NioReactor reactor) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        LogObserver observer = events::add;
        LogPublisher.global().addObserver(observer);
        ListeningPort port;
        try {
            port = Coroutine.await(WebHello.start(reactor, "tcp:0:interface=127.0.0.1"));
        } finally {
            LogPublisher.global().removeObserver(observer);
        }
        assertThat(events).map(LogFormat::formatEvent)
                .containsExactly("web-hello listening on tcp:127.0.0.1:" + EchoServerTest.portNumber(port));
        Coroutine.await(port.stopListening());
    }
}
