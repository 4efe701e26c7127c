package org.twisted4j.testing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.testing.tls.Recorder.ascii;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.testing.IOPump;

/**
 * The engine's delegated tasks run away from the layer's thread ({@link TlsProtocol#delegateTasksTo}): here
 * on executors the test drives by hand, so that it decides when a task runs and when its end comes back.
 */
class TlsDelegatedTasksTest {

    /** Keeps what it is given, for the test to run when it chooses. */
    private static final class Held implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queue.addLast(command);
        }

        /** Runs everything given so far, and what that gives. */
        void runAll() {
            for (Runnable next = queue.pollFirst(); next != null; next = queue.pollFirst()) {
                next.run();
            }
        }
    }

    /** The tasks of both sides and the ends that come back to the reactor thread, held apart. */
    private final Held tasks = new Held();
    private final Held reactorThread = new Held();

    private TlsProtocol wrap(TlsOptions options, boolean client, Recorder app) {
        TlsFactory factory = new TlsFactory(options, Factory.forProtocol(() -> app), client);
        TlsProtocol layer = (TlsProtocol) factory.buildProtocol(
                client ? IOPump.DEFAULT_SERVER_ADDRESS : IOPump.DEFAULT_CLIENT_ADDRESS);
        layer.delegateTasksTo(tasks, reactorThread);
        return layer;
    }

    private IOPump connect(Recorder server, Recorder client) throws Exception {
        return IOPump.connectedLoopback(wrap(TestTls.server(), false, server), wrap(TestTls.client(), true, client));
    }

    /** Runs the held tasks and their ends and pumps, until nothing is left to do. */
    private void settle(IOPump pump) {
        for (int i = 0; i < 100 && (!tasks.queue.isEmpty() || !reactorThread.queue.isEmpty() || pump.flush()); i++) {
            tasks.runAll();
            reactorThread.runAll();
        }
    }

    @Test
    void theHandshakeWaitsForTheTasksAndThenCompletes() throws Exception {
        Recorder server = new Recorder();
        server.echo = true;
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);

        assertThat(tasks.queue).as("the server's tasks for the client's hello, not run yet").isNotEmpty();
        assertThat(server.handshake).isNotDone();
        settle(pump);

        assertThat(client.handshake).isDone();
        assertThat(server.handshake).isDone();
        client.transport().write(ascii("ping"));
        settle(pump);
        assertThat(client.text()).isEqualTo("ping");
    }

    @Test
    void writesMadeBeforeAndWhileTasksRunArriveAfterTheHandshakeInOrder() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        client.greeting = ascii("one,");
        server.greeting = ascii("hello,");
        IOPump pump = connect(server, client);

        assertThat(tasks.queue).isNotEmpty();
        client.transport().write(ascii("two,"));
        server.transport().write(ascii("there,"));
        tasks.runAll(); // the tasks are done, but their end has not come back to the reactor thread yet
        client.transport().write(ascii("three"));
        server.transport().write(ascii("you"));
        pump.flush();
        assertThat(server.text()).isEmpty();
        settle(pump);

        assertThat(server.text()).isEqualTo("one,two,three");
        assertThat(client.text()).isEqualTo("hello,there,you");
        assertThat(server.events).startsWith("made", "handshake").endsWith("data");
    }

    @Test
    void theConnectionLostWhileATaskRunsDropsItsOutcome() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        IOPump pump = connect(server, client);
        assertThat(tasks.queue).as("the server's tasks, held").isNotEmpty();

        client.transport().abortConnection();
        pump.flush();
        assertThat(server.lost).isDone();
        settle(pump); // the server's tasks end after the connection did

        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionLost.class);
        assertThat(server.handshake).isNotDone();
        assertThat(server.events).containsExactly("made", "lost");
        assertThat(pump.serverTransport().isDisconnected()).isTrue();
    }

    @Test
    void loseConnectionWhileATaskRunsClosesCleanlyOnceTheHandshakeIsDone() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        client.greeting = ascii("last words");
        IOPump pump = connect(server, client);
        assertThat(tasks.queue).isNotEmpty();

        client.transport().loseConnection();
        pump.flush();
        assertThat(client.lost).isNotDone();
        settle(pump);

        assertThat(server.text()).isEqualTo("last words");
        assertThat(client.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
        assertThat(server.lost.getNow(null).value()).isInstanceOf(ConnectionDone.class);
    }
}
