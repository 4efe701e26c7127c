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
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class WebCounterTest {

    @Test
    void eachRequestGetsTheNextNumberOnAnyConnection(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(WebCounter.start(reactor, "tcp:0:interface=127.0.0.1"));

        assertThat(WebHelloTest.curl(reactor, "-i", WebHelloTest.url(port, "/"))).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nContent-Type: text/plain\r\n").endsWith("\r\n\r\nI am request #1\n");
        assertThat(WebHelloTest.curl(reactor, WebHelloTest.url(port, "/"))).isEqualTo("I am request #2\n");
        // two requests on one connection
        assertThat(WebHelloTest.curl(reactor, WebHelloTest.url(port, "/a"), WebHelloTest.url(port, "/b")))
                .isEqualTo("I am request #3\nI am request #4\n");
        Coroutine.await(port.stopListening());
    }

    @Test
    void logsWhereItListens(NioReactor reactor) throws Exception {
        List<LogEvent> events = new ArrayList<>();
        LogObserver observer = events::add;
        LogPublisher.global().addObserver(observer);
        ListeningPort port;
        try {
            port = Coroutine.await(WebCounter.start(reactor, "tcp:0:interface=127.0.0.1"));
        } finally {
            LogPublisher.global().removeObserver(observer);
        }
        assertThat(events).map(LogFormat::formatEvent)
                .containsExactly("web-counter listening on tcp:127.0.0.1:" + EchoServerTest.portNumber(port));
        Coroutine.await(port.stopListening());
    }
}
