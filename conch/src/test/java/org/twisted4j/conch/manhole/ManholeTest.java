package org.twisted4j.conch.manhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.conch.insults.ServerProtocol;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

/**
 * A manhole session on an emulated screen, with JShell compiling on its worker and the snippets running on the
 * test's reactor.
 */
@ExtendWith(TrialExtension.class)
class ManholeTest {

    WatchedScreen screen;
    ServerProtocol server;

    void open(NioReactor reactor, Map<String, Object> namespace) {
        screen = new WatchedScreen(reactor, 100, 40);
        server = new ServerProtocol(() -> new Manhole(reactor, namespace));
        server.makeConnection(screen);
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.connectionLost(new Failure(new ConnectionDone()));
        }
    }

    void type(String keys) {
        server.dataReceived(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void expressionsSeeAndChangeTheApplicationsLiveObjectsOnTheReactorThread(NioReactor reactor) throws Exception {
        AtomicInteger counter = new AtomicInteger(41);
        Supplier<Boolean> onReactor = reactor::isInReactorThread;
        open(reactor, Map.of("counter", counter, "onReactor", onReactor));
        type("6 * 7\r");
        Coroutine.await(screen.contains("$1 ==> 42"));
        type("counter.incrementAndGet()\r");
        Coroutine.await(screen.contains("$2 ==> 42"));
        assertThat(counter.get()).isEqualTo(42);
        type("onReactor.get()\r");
        String shown = Coroutine.await(screen.contains("$3 ==> "));
        assertThat(shown).contains("$3 ==> true").endsWith(">>>");
        assertThat(screen.buffer.line(0)).startsWith(">>> 6 * 7");
    }

    @Test
    void aDeferredValuePrintsItsResultWhenItFires(NioReactor reactor) throws Exception {
        open(reactor, Map.of("reactor", reactor));
        type("Tasks.deferLater(reactor, 0.05, () -> \"done\")\r");
        String shown = Coroutine.await(screen.contains("Deferred #0 called back: \"done\""));
        assertThat(shown).contains("$1 ==> <Deferred #0>");
        assertThat(shown.indexOf("<Deferred #0>")).isLessThan(shown.indexOf("called back"));
        type("Deferred.fail(new IllegalStateException(\"broken\"))\r");
        Coroutine.await(screen.contains("Deferred #1 failed: java.lang.IllegalStateException: broken"));
    }

    @Test
    void multiLineInputErrorsAndExceptions(NioReactor reactor) throws Exception {
        open(reactor, Map.of());
        type("int twice(int x) {\r");
        Coroutine.await(screen.when(shown -> shown.endsWith("\n...")));
        type("return 2 * x;\r}\r");
        Coroutine.await(screen.contains("created method twice"));
        type("twice(21)\r");
        Coroutine.await(screen.contains("==> 42"));
        type("nosuch + 1\r");
        Coroutine.await(screen.contains("Error: cannot find symbol"));
        type("Integer.parseInt(\"x\")\r");
        Coroutine.await(screen.contains("Exception java.lang.NumberFormatException: For input string: \"x\""));
        type("var a = 1; var b = a + 1;\r");
        Coroutine.await(screen.contains("b ==> 2"));
        type("unfinished(\u0003");
        Coroutine.await(screen.contains("^C"));
        type("\u0004");
        assertThat(screen.isDisconnecting()).isTrue();
    }
}
