package org.twisted4j.web.websocket;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.DeferredQueue;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;

/** Our client against autobahn's server, and autobahn's client against our server, over real sockets. */
@ExtendWith(TrialExtension.class)
class AutobahnInteropTest {
    private static final int SIXTEEN_MIB = 16 << 20;

    /** Puts each event on a queue the test awaits. */
    static final class Queued implements WebSocketHandler {
        final DeferredQueue<Object> events = new DeferredQueue<>();
        final Deferred<String> closed = new Deferred<>();

        @Override
        public void onText(String text) {
            events.put(text);
        }

        @Override
        public void onBinary(ByteBuffer data) {
            events.put(data);
        }

        @Override
        public void onPong(ByteBuffer payload) {
            events.put("pong:" + UTF_8.decode(payload));
        }

        @Override
        public void onClose(int code, String reason) {
            events.put("closed:" + code + ":" + reason);
            closed.callback(code + ":" + reason);
        }

        /** The next event, or a failure after 30 seconds without one. */
        Object next(NioReactor reactor) throws Exception {
            return Coroutine.await(events.get().addTimeout(30, reactor));
        }
    }

    /** Echoes what it receives. */
    static final class Echo implements WebSocketHandler {
        private WebSocketConnection connection;

        @Override
        public void onOpen(WebSocketConnection opened) {
            connection = opened;
        }

        @Override
        public void onText(String text) {
            connection.sendText(text);
        }

        @Override
        public void onBinary(ByteBuffer data) {
            connection.sendBinary(data);
        }
    }

    @Test
    void clientEchoesThroughAutobahnWithDeflate(NioReactor reactor) throws Exception {
        echoThroughAutobahn(reactor, true);
    }

    @Test
    void clientEchoesThroughAutobahnWithoutDeflate(NioReactor reactor) throws Exception {
        echoThroughAutobahn(reactor, false);
    }

    private static void echoThroughAutobahn(NioReactor reactor, boolean deflate) throws Exception {
        try (PythonPeer server = PythonPeer.start("autobahn_echo_server.py")) {
            int port = server.awaitPort(reactor);
            Queued handler = new Queued();
            WebSocketOptions options = WebSocketOptions.builder().permessageDeflate(deflate)
                    .maxFrameSize(2 * SIXTEEN_MIB).maxMessageSize(SIXTEEN_MIB).build();
            WebSocketConnection connection = Coroutine.await(WebSocketClient.connect(reactor,
                    URI.create("ws://127.0.0.1:" + port + "/echo"), handler, options));
            assertThat(connection.extensions()).startsWith(deflate ? "permessage-deflate" : "");
            assertThat(server.awaitLine(reactor, "CONNECT ")).startsWith(deflate ? "CONNECT PerMessageDeflate(" : "CONNECT -");

            String text = "h\u00e9llo \uD834\uDD1E ".repeat(5000);
            connection.sendText(text);
            assertThat(handler.next(reactor)).isEqualTo(text);

            byte[] big = new byte[SIXTEEN_MIB];
            new Random(6455).nextBytes(big);
            connection.sendBinary(ByteBuffer.wrap(big));
            Object echoed = handler.next(reactor);
            assertThat(echoed).as("%s", echoed).isInstanceOf(ByteBuffer.class);
            assertThat(((ByteBuffer) echoed).equals(ByteBuffer.wrap(big))).as("16 MiB echoed intact").isTrue();

            MessageStream stream = connection.beginText();
            StringBuilder whole = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                String piece = "piece " + i + " \u4e16\u754c ";
                stream.write(piece);
                whole.append(piece);
            }
            stream.end();
            assertThat(handler.next(reactor)).isEqualTo(whole.toString());

            connection.ping(ByteBuffer.wrap("are you there".getBytes(UTF_8)));
            assertThat(handler.next(reactor)).isEqualTo("pong:are you there");

            connection.close(CloseCodes.NORMAL_CLOSURE, "bye");
            assertThat(Coroutine.await(handler.closed)).startsWith("1000:");
            assertThat(server.awaitLine(reactor, "CLOSED")).isEqualTo("CLOSED True 1000 bye");
        }
    }

    private static int serve(NioReactor reactor, WebSocketOptions options, ListeningPort[] port) {
        Resource root = new Resource();
        root.putChild("ws", new WebSocketResource(reactor, options, request -> new Echo()));
        Site site = new Site(root, reactor);
        // The HTTP connection's timers are left running after it switches protocols; none here.
        site.setIdleTimeout(0);
        site.setHeaderTimeout(0);
        port[0] = reactor.listenTCP(0, site, 50, "127.0.0.1");
        return ((IPv4Address) port[0].getHost()).port();
    }

    private static String[] runClient(NioReactor reactor, WebSocketOptions options, String mode) throws Exception {
        ListeningPort[] listening = new ListeningPort[1];
        int port = serve(reactor, options, listening);
        try (PythonPeer client = PythonPeer.start("autobahn_client.py", String.valueOf(port), mode)) {
            String open = client.awaitLine(reactor, "OPEN ");
            String result = mode.equals("echo") ? client.awaitLine(reactor, "ECHO ") : "";
            String closed = client.awaitLine(reactor, "CLOSED ");
            return new String[] {open, result, closed};
        } finally {
            Coroutine.await(listening[0].stopListening());
        }
    }

    @Test
    void autobahnClientEchoesThroughOurServer(NioReactor reactor) throws Exception {
        String[] lines = runClient(reactor, WebSocketOptions.defaults(), "echo");
        assertThat(lines[0]).startsWith("OPEN PerMessageDeflate(");
        assertThat(lines[1]).isEqualTo("ECHO ok");
        assertThat(lines[2]).isEqualTo("CLOSED True 1000 None");
    }

    @Test
    void autobahnClientEchoesThroughOurServerWithoutDeflate(NioReactor reactor) throws Exception {
        String[] lines = runClient(reactor, WebSocketOptions.builder().permessageDeflate(false).build(), "echo");
        assertThat(lines[0]).isEqualTo("OPEN -");
        assertThat(lines[1]).isEqualTo("ECHO ok");
        assertThat(lines[2]).isEqualTo("CLOSED True 1000 None");
    }

    @Test
    void invalidUtf8FromAutobahnIsClosedWith1007(NioReactor reactor) throws Exception {
        String[] lines = runClient(reactor, WebSocketOptions.defaults(), "badutf8");
        assertThat(lines[2]).startsWith("CLOSED ").contains(" 1007 ");
    }

    @Test
    void oversizedFrameFromAutobahnIsClosedWith1009(NioReactor reactor) throws Exception {
        WebSocketOptions small = WebSocketOptions.builder().maxFrameSize(1 << 20).maxMessageSize(1 << 20).build();
        String[] lines = runClient(reactor, small, "oversize");
        assertThat(lines[2]).startsWith("CLOSED ").contains(" 1009 ");
    }
}
