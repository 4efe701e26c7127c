package org.twisted4j.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.testing.ProducerState;

class HTTPChannelTest {

    private static final String OK_HEAD = "HTTP/1.1 200 OK\r\nDate: *\r\n" + Served.SERVER;

    /** Holds each request it is given, unfinished, for the test to finish. */
    static final class Later extends Resource {
        final List<Request> held = new ArrayList<>();

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            held.add(request);
            return NOT_DONE_YET;
        }
    }

    /** Echoes what it was sent: path, args, cookies and body. */
    static final class Echo extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected byte[] renderGET(Request request) {
            return ("path=" + request.getPath() + " args=" + request.getArgs() + " c=" + request.getCookie("c"))
                    .getBytes(UTF_8);
        }

        @Override
        protected byte[] renderPOST(Request request) {
            return ("args=" + request.getArgs() + " body=" + new String(request.content(), ISO_8859_1)).getBytes(UTF_8);
        }

        @Override
        protected byte[] renderPUT(Request request) {
            return renderPOST(request);
        }
    }

    private static String bodyOf(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void keepAliveAnswersSuccessiveRequestsOnOneConnection() {
        Resource root = new Resource();
        root.putChild("a", Served.text("A"));
        root.putChild("b", Served.text("BB"));
        Served served = new Served(root);
        served.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEqualTo(OK_HEAD + "Content-Length: 1\r\n\r\nA");
        served.send("GET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEqualTo(OK_HEAD + "Content-Length: 2\r\n\r\nBB");
        assertThat(served.transport.isDisconnecting()).isFalse();
    }

    @Test
    void pipelinedRequestsAnsweredInOrderEvenWhenTheFirstFinishesLater() {
        Later later = new Later();
        Resource root = new Resource();
        root.putChild("later", later);
        root.putChild("now", Served.text("now"));
        Served served = new Served(root);
        served.send("GET /later HTTP/1.1\r\nHost: h\r\n\r\nGET /now HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEmpty();
        Request first = later.held.get(0);
        first.write("first".getBytes(ISO_8859_1));
        first.finish();
        assertThat(served.take()).isEqualTo(OK_HEAD + "Transfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n"
                + OK_HEAD + "Content-Length: 3\r\n\r\nnow");
    }

    @Test
    void tooManyPipelinedRequestsPauseReadingUntilTheQueueDrains() {
        Later later = new Later();
        Served served = new Served(later);
        served.site.setMaxPipelinedRequests(2);
        served.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n".repeat(4));
        assertThat(served.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        later.held.get(0).finish();
        assertThat(served.transport.producerState()).as("three still waiting").isEqualTo(ProducerState.PAUSED);
        later.held.get(1).finish();
        assertThat(served.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        assertThat(later.held).hasSize(3);
    }

    @Test
    void http10ClosesAfterTheResponseUnlessItAskedForKeepAlive() {
        Served closing = new Served(Served.text("x"));
        closing.send("GET /x HTTP/1.0\r\n\r\n");
        assertThat(closing.take()).isEqualTo(OK_HEAD + "Content-Length: 1\r\nConnection: close\r\n\r\nx");
        assertThat(closing.transport.isDisconnecting()).isTrue();

        Served kept = new Served(Served.text("x"));
        kept.send("GET /x HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assertThat(kept.take()).isEqualTo(OK_HEAD + "Content-Length: 1\r\nConnection: keep-alive\r\n\r\nx");
        assertThat(kept.transport.isDisconnecting()).isFalse();
    }

    @Test
    void connectionCloseFromAnHttp11ClientClosesAfterTheResponseAndIgnoresWhatFollows() {
        Served served = new Served(Served.text("x"));
        served.send("GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                + "GET /x HTTP/1.1\r\nHost: h\r\n\r\n".repeat(Site.DEFAULT_MAX_PIPELINED_REQUESTS + 2) + "BAD\r\n\r\n");
        assertThat(served.take()).isEqualTo(OK_HEAD + "Content-Length: 1\r\nConnection: close\r\n\r\nx");
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void streamedResponseToHttp10EndsWithTheConnection() {
        Later later = new Later();
        Served served = new Served(later);
        served.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        later.held.get(0).write("part".getBytes(ISO_8859_1));
        later.held.get(0).finish();
        assertThat(served.take()).isEqualTo(OK_HEAD + "Connection: close\r\n\r\npart");
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void applicationContentLengthIsUsedInsteadOfChunking() {
        Later later = new Later();
        Served served = new Served(later);
        served.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        Request request = later.held.get(0);
        request.setHeader("Content-Length", "4");
        request.write("ab".getBytes(ISO_8859_1));
        request.write("cd".getBytes(ISO_8859_1));
        request.finish();
        assertThat(served.take()).isEqualTo(OK_HEAD + "Content-Length: 4\r\n\r\nabcd");
    }

    @Test
    void expectContinueGetsAnInterimResponseBeforeTheBody() {
        Served served = new Served(new Echo());
        served.send("PUT /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        assertThat(served.take()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        served.send("hello");
        assertThat(bodyOf(served.take())).isEqualTo("args={} body=hello");
    }

    @Test
    void chunkedRequestBodyIsReassembled() {
        Served served = new Served(new Echo());
        served.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertThat(bodyOf(served.take())).isEqualTo("args={} body=abcde");
    }

    @Test
    void argsComeFromTheQueryAndAFormBodyWithRepeatsKept() {
        Served served = new Served(new Echo());
        String form = "a=2&b=x+y&c=%26";
        served.send("POST /p?a=1&q HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8"
                + "\r\nContent-Length: " + form.length() + "\r\n\r\n" + form);
        assertThat(bodyOf(served.take())).isEqualTo("args={a=[1, 2], q=[], b=[x y], c=[&]} body=" + form);
        served.send("POST /p HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\na=1");
        assertThat(bodyOf(served.take())).isEqualTo("args={} body=a=1");
    }

    @Test
    void absoluteFormTargetIsServedByItsPath() {
        Served served = new Served(new Echo());
        served.send("GET http://example.com/x/y?z=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertThat(bodyOf(served.take())).isEqualTo("path=/x/y args={z=[1]} c=null");
    }

    @Test
    void absoluteFormTargetNamesTheHostInsteadOfTheHostHeader() {
        Resource root = new Resource();
        root.putChild("a", new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected byte[] renderGET(Request request) {
                return (request.getRequestHostname() + " " + request.prePathURL()).getBytes(ISO_8859_1);
            }
        });
        Served served = new Served(root);
        served.send("GET http://user@real.example:8080/a/b HTTP/1.1\r\nHost: other\r\n\r\n");
        assertThat(bodyOf(served.take())).isEqualTo("real.example http://real.example:8080/a");
        served.send("GET /a HTTP/1.1\r\nHost: [::1]:81\r\n\r\n");
        assertThat(bodyOf(served.take())).isEqualTo("[::1] http://[::1]:81/a");
    }

    @Test
    void cookiesAreReadAndSet() {
        Resource root = new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected byte[] renderGET(Request request) {
                request.addCookie("session", "s1", "Path=/", "HttpOnly");
                return String.valueOf(request.getCookie("b")).getBytes(ISO_8859_1);
            }
        };
        Served served = new Served(root);
        served.send("GET / HTTP/1.1\r\nHost: h\r\nCookie: a=1; b=2\r\n\r\n");
        assertThat(served.take()).contains("\r\nSet-Cookie: session=s1; Path=/; HttpOnly\r\n").endsWith("\r\n\r\n2");
    }

    @Test
    void notifyFinishFiresOnFinishAndFailsWhenTheClientGoesAway() {
        Later later = new Later();
        Served served = new Served(later);
        served.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n");
        List<Object> outcomes = new ArrayList<>();
        later.held.get(0).notifyFinish().addBoth(result -> outcomes.add(result == null ? "finished" : result));
        later.held.get(0).finish();
        served.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
        later.held.get(1).notifyFinish().addBoth(result -> outcomes.add(result));
        served.protocol.connectionLost(new Failure(new ConnectionLost()));
        assertThat(outcomes).hasSize(2).first().isEqualTo("finished");
        assertThat(((Failure) outcomes.get(1)).check(ConnectionLost.class)).isNotNull();
        later.held.get(1).write("ignored".getBytes(ISO_8859_1));
        later.held.get(1).finish();
    }

    @Test
    void cleanCloseBeforeTheResponseIsReportedAsConnectionDone() {
        Later later = new Later();
        Served served = new Served(later);
        served.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        AtomicReference<Object> outcome = new AtomicReference<>();
        later.held.get(0).notifyFinish().addBoth(result -> {
            outcome.set(result);
            return null;
        });
        served.protocol.connectionLost(new Failure(new ConnectionDone()));
        assertThat(((Failure) outcome.get()).check(ConnectionDone.class)).isNotNull();
    }

    @Test
    void renderExceptionIs500WithTheTracebackHiddenByDefault() {
        Resource boom = new Resource() {
            @Override
            protected byte[] renderGET(Request request) {
                throw new IllegalStateException("secret detail");
            }
        };
        Resource root = new Resource();
        root.putChild("boom", boom);
        Served hidden = new Served(root);
        hidden.send("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n");
        String response = hidden.take();
        assertThat(response).startsWith("HTTP/1.1 500 Internal Server Error\r\n").doesNotContain("secret detail");
        assertThat(hidden.transport.isDisconnecting()).isFalse();

        Served shown = new Served(root);
        shown.site.setDisplayTracebacks(true);
        shown.send("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(shown.take()).startsWith("HTTP/1.1 500 ").contains("secret detail");
    }

    @Test
    void headerValueWithCrLfFromTheApplicationIsRefused() {
        Resource root = new Resource();
        root.putChild("x", new Resource() {
            @Override
            protected byte[] renderGET(Request request) {
                request.setHeader("X-Injected", "a\r\nSet-Cookie: evil=1");
                return new byte[0];
            }
        });
        Served served = new Served(root);
        served.send("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 500 ").doesNotContain("evil");
    }

    @Test
    void malformedRequestIs400AndClosesAfterEarlierPipelinedResponses() {
        Served served = new Served(Served.text("ok"));
        served.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /a HTTP/1.1\r\nHost: h\r\nBad : x\r\n\r\n");
        String response = served.take();
        assertThat(response).startsWith(OK_HEAD + "Content-Length: 2\r\n\r\nok" + "HTTP/1.1 400 Bad Request\r\n")
                .contains("\r\nConnection: close\r\n");
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void smugglingAttemptIs400() {
        Served served = new Served(new Echo());
        served.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 400 ");
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void oversizedBodyIs413() {
        Served served = new Served(new Echo());
        served.site.setMaxBodyBytes(4);
        served.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
        assertThat(served.take()).startsWith("HTTP/1.1 413 Content Too Large\r\n");
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() {
        Served served = new Served(Served.text("x"));
        served.site.setIdleTimeout(10);
        served.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        served.clock.advance(9.9);
        assertThat(served.transport.isDisconnecting()).isFalse();
        served.clock.advance(0.2);
        assertThat(served.transport.isDisconnecting()).isTrue();
    }

    @Test
    void idleTimeoutDoesNotCloseWhileARequestIsBeingAnswered() {
        Later later = new Later();
        Served served = new Served(later);
        served.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        served.clock.advance(Site.DEFAULT_IDLE_TIMEOUT * 2);
        assertThat(served.transport.isDisconnecting()).isFalse();
        later.held.get(0).finish();
        served.clock.advance(Site.DEFAULT_IDLE_TIMEOUT);
        assertThat(served.transport.isDisconnecting()).isTrue();
        assertThat(served.clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void unfinishedRequestHeadIsAnsweredRequestTimeout() {
        Served served = new Served(Served.text("x"));
        served.send("GET / HTTP/1.1\r\nHost:");
        served.clock.advance(Site.DEFAULT_HEADER_TIMEOUT - 1);
        served.send(" h\r\nX-Slow: 1\r\n");
        served.clock.advance(1);
        assertThat(served.take()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        assertThat(served.transport.isDisconnecting()).isTrue();
        assertThat(served.clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void optionsAsteriskIsAnsweredByTheServer() {
        Served served = new Served(new Resource());
        served.send("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEqualTo(OK_HEAD
                + "Allow: GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void noContentResponseCarriesNoLengthAndNoBody() {
        Resource root = new Resource();
        root.putChild("n", new Resource() {
            @Override
            protected byte[] renderDELETE(Request request) {
                request.setResponseCode(204);
                return new byte[0];
            }
        });
        Served served = new Served(root);
        served.send("DELETE /n HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(served.take()).isEqualTo("HTTP/1.1 204 No Content\r\nDate: *\r\n" + Served.SERVER + "\r\n");
    }

    @Test
    void accessLogLinesAreInCombinedLogFormat() {
        Served served = new Served(Served.text("hello"));
        List<String> lines = new ArrayList<>();
        served.site.setAccessLog(lines::add);
        served.send("GET /x?y=1 HTTP/1.1\r\nHost: h\r\nReferer: http://r/\r\nUser-Agent: agent \"7\"\r\n\r\n");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("192\\.168\\.1\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
                + "\"GET /x\\?y=1 HTTP/1\\.1\" 200 5 \"http://r/\" \"agent \\\\\"7\\\\\"\"");
    }
}
