package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class WebAuthTest {

    @Test
    void eachUserGetsTheirOwnPageByBasicOrDigestAndOthersAreAskedToLogIn(NioReactor reactor) throws Exception {
        ListeningPort port = Coroutine.await(WebAuth.start(reactor, "tcp:0:interface=127.0.0.1"));
        try {
            assertThat(WebHelloTest.curl(reactor, "--basic", "-u", "alice:wonderland", WebHelloTest.url(port, "/a/b")))
                    .isEqualTo("Hello, alice! You asked for /a/b\n");
            assertThat(WebHelloTest.curl(reactor, "--digest", "-u", "bob:builder", WebHelloTest.url(port, "/")))
                    .isEqualTo("Hello, bob! You asked for /\n");
            assertThat(WebHelloTest.curl(reactor, "-i", "--digest", "-u", "bob:wonderland", WebHelloTest.url(port, "/")))
                    .contains("HTTP/1.1 401 Unauthorized\r\n").endsWith("\r\n\r\nUnauthorized");
            assertThat(WebHelloTest.curl(reactor, "-i", WebHelloTest.url(port, "/"))).startsWith("HTTP/1.1 401 ")
                    .contains("\r\nWWW-Authenticate: basic realm=\"twisted4j example\"\r\n")
                    .contains("\r\nWWW-Authenticate: digest nonce=");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }
}
