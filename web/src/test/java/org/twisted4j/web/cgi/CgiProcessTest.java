package org.twisted4j.web.cgi;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ProcessDone;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.FakeProcessTransport;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.web.Request;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** {@link CgiProcess} between an in-memory HTTP connection and a stand-in for the child process. */
class CgiProcessTest {

    private final StringTransport connection = new StringTransport();
    private final FakeProcessTransport child = new FakeProcessTransport();
    private @Nullable Request request;
    private Protocol http;

    @BeforeEach
    void connect() {
        Resource root = new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            public byte[] render(Request r) {
                request = r;
                return NOT_DONE_YET;
            }
        };
        http = new Site(root, new Clock()).buildProtocol(connection.getPeer());
        http.makeConnection(connection);
    }

    private CgiProcess start(String requestBytes, byte[] body, boolean nph) {
        http.dataReceived(ByteBuffer.wrap(requestBytes.getBytes(ISO_8859_1)));
        assertThat(request).isNotNull();
        CgiProcess process = new CgiProcess(request, body, nph);
        process.makeConnection(child);
        return process;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }

    private String sent() {
        String text = connection.valueAsString(ISO_8859_1);
        connection.clear();
        return text;
    }

    @Test
    void theBodyGoesToStdinWhichIsThenClosed() {
        start("POST /s HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody", "body".getBytes(ISO_8859_1), false);
        assertThat(child.stdinAsString(ISO_8859_1)).isEqualTo("body");
        assertThat(child.isStdinClosed()).isTrue();
    }

    @Test
    void eachPieceOfTheBodyIsSentAsItArrivesBeforeTheScriptEnds() {
        CgiProcess process = start("GET /s HTTP/1.1\r\nHost: h\r\n\r\n", new byte[0], false);
        process.outReceived(bytes("Status: 201 Ma"));
        process.outReceived(bytes("de\r\nX-A: b\r"));
        assertThat(sent()).isEmpty();
        process.outReceived(bytes("\n\r\nfirst"));
        assertThat(sent()).startsWith("HTTP/1.1 201 Made\r\n").contains("\r\nX-A: b\r\n")
                .contains("\r\nTransfer-Encoding: chunked\r\n").endsWith("\r\n\r\n5\r\nfirst\r\n");
        process.outReceived(bytes("second"));
        assertThat(sent()).isEqualTo("6\r\nsecond\r\n");
        process.processEnded(new Failure(new ProcessDone()));
        assertThat(sent()).isEqualTo("0\r\n\r\n");
        assertThat(request.isFinished()).isTrue();
        assertThat(connection.producer()).isNull();
    }

    @Test
    void aSlowClientPausesTheReadingOfTheScriptsOutput() {
        CgiProcess process = start("GET /s HTTP/1.1\r\nHost: h\r\n\r\n", new byte[0], false);
        assertThat(connection.producer()).isSameAs(process);
        assertThat(connection.isStreaming()).isTrue();
        // what a real connection does to its push producer when too much waits to be sent, then when it is sent
        process.pauseProducing();
        assertThat(child.isPaused()).isTrue();
        process.resumeProducing();
        assertThat(child.isPaused()).isFalse();
    }

    @Test
    void theScriptIsKilledWhenTheClientGoesAway() {
        CgiProcess process = start("GET /s HTTP/1.1\r\nHost: h\r\n\r\n", new byte[0], false);
        process.outReceived(bytes("Content-Type: text/plain\n\npartial"));
        http.connectionLost(new Failure(new ConnectionDone("gone")));
        assertThat(child.signals()).containsExactly("KILL");
        process.outReceived(bytes("more"));
        process.processEnded(new Failure(ProcessTerminated.killed(9)));
        assertThat(request.isFinished()).isTrue();
    }

    @Test
    void badHeadersAreA500AndTheScriptIsKilled() {
        CgiProcess process = start("GET /s HTTP/1.1\r\nHost: h\r\n\r\n", new byte[0], false);
        process.outReceived(bytes("no colon here\n\nbody"));
        assertThat(sent()).startsWith("HTTP/1.1 500 Internal Server Error\r\n").contains("CGI Script Error")
                .doesNotContain("body\r\n");
        assertThat(child.signals()).containsExactly("KILL");
        assertThat(request.isFinished()).isTrue();
        process.processEnded(new Failure(ProcessTerminated.killed(9)));
        assertThat(sent()).isEmpty();
    }

    @Test
    void aScriptThatEndsBeforeItsHeadersAreCompleteIsA500() {
        CgiProcess process = start("GET /s HTTP/1.1\r\nHost: h\r\n\r\n", new byte[0], false);
        process.outReceived(bytes("Content-Type: text/plain\n"));
        process.processEnded(new Failure(ProcessTerminated.exited(2)));
        assertThat(sent()).startsWith("HTTP/1.1 500 Internal Server Error\r\n").contains("\r\nContent-Length: ");
        assertThat(child.signals()).isEmpty();
    }

    @Test
    void aNonParsedHeaderScriptsOutputIsTheWholeResponseAndTheConnectionCloses() {
        CgiProcess process = start("GET /nph-s HTTP/1.1\r\nHost: h\r\n\r\n", new byte[0], true);
        process.outReceived(bytes("HTTP/1.1 200 OK\r\nX: y\r\n\r\nraw"));
        process.outReceived(bytes(" body"));
        process.processEnded(new Failure(new ProcessDone()));
        assertThat(sent()).isEqualTo("HTTP/1.1 200 OK\r\nX: y\r\n\r\nraw body");
        assertThat(connection.isDisconnecting()).isTrue();
    }
}
