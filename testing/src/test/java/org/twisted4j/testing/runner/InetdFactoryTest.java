package org.twisted4j.testing.runner;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.ProcessDone;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.runner.InetdEntry;
import org.twisted4j.runner.InetdFactory;
import org.twisted4j.testing.FakeProcessTransport;
import org.twisted4j.testing.ProducerState;
import org.twisted4j.testing.StringTransport;

/** The rules joining a connection and its program, on a StringTransport and a pretend child. */
class InetdFactoryTest {
    private static final InetdEntry CAT =
            new InetdEntry("8123", 8123, "stream", "tcp", false, "nobody", null, "/bin/cat", List.of("cat", "-u"));

    private final FakeProcessTransport child = new FakeProcessTransport();
    private final StringTransport transport = new StringTransport();
    private String executable;
    private List<String> args;
    private ProcessProtocol program;
    private Protocol connection;

    @BeforeEach
    void connect() {
        ReactorProcess processes = (protocol, exe, argv, env, path) -> {
            executable = exe;
            args = argv;
            program = protocol;
            protocol.makeConnection(child);
            return child;
        };
        connection = new InetdFactory(processes, CAT).buildProtocol(StringTransport.DEFAULT_PEER);
        connection.makeConnection(transport);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(US_ASCII));
    }

    @Test
    void eachConnectionStartsTheProgramWithItsArguments() {
        assertThat(executable).isEqualTo("/bin/cat");
        assertThat(args).containsExactly("cat", "-u");
    }

    @Test
    void clientBytesAreCopiedToTheProgramAndItsOutputToTheClient() {
        ByteBuffer lent = ascii("ping");
        connection.dataReceived(lent);
        lent.put(0, (byte) 'X');                                   // the reactor reuses its buffer
        ByteBuffer out = ascii("pong");
        program.childDataReceived(1, out);
        out.put(0, (byte) 'X');
        program.childDataReceived(2, ascii("noise on stderr\n"));

        assertThat(child.stdinAsString(US_ASCII)).isEqualTo("ping");
        assertThat(transport.valueAsString()).isEqualTo("pong");
    }

    @Test
    void aFullProgramInputPausesReadingTheClient() {
        PushProducer reading = (PushProducer) child.producer();
        assertThat(reading).isNotNull();
        assertThat(child.isStreaming()).isTrue();

        reading.pauseProducing();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
        reading.resumeProducing();
        assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void aFullConnectionPausesTheProgramOutput() {
        assertThat(transport.isStreaming()).isTrue();
        PushProducer output = (PushProducer) transport.producer();

        output.pauseProducing();
        assertThat(child.isPaused()).isTrue();
        output.resumeProducing();
        assertThat(child.isPaused()).isFalse();
    }

    @Test
    void whenTheProgramInputIsGoneTheClientIsReadAgain() {
        PushProducer reading = (PushProducer) child.producer();
        reading.pauseProducing();
        child.loseStdin();                                         // drops the producer and stops it
        assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        ((HalfCloseableProtocol) connection).readConnectionLost();   // nothing left to unregister
        assertThat(child.isStdinClosed()).isTrue();
        assertThat(child.events()).containsExactly("registerProducer", "closeStdin");
    }

    @Test
    void theClientHalfClosingClosesTheProgramInputAndKeepsTheConnection() {
        ((HalfCloseableProtocol) connection).readConnectionLost();

        assertThat(child.producer()).isNull();
        assertThat(child.events()).as("stdin closes after the producer is gone")
                .containsExactly("registerProducer", "unregisterProducer", "closeStdin");
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void theProgramEndingClosesTheConnectionAfterItsOutput() {
        program.childDataReceived(1, ascii("bye\n"));
        program.processEnded(new Failure(new ProcessDone()));

        assertThat(transport.producer()).isNull();
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(transport.valueAsString()).isEqualTo("bye\n");
    }

    @Test
    void losingTheConnectionClosesTheProgramPipes() {
        connection.connectionLost(new Failure(new ConnectionDone()));

        assertThat(child.isLost()).isTrue();
        assertThat(child.producer()).isNull();
        program.childDataReceived(1, ascii("too late"));
        program.processEnded(new Failure(new ProcessDone()));
        assertThat(transport.value()).isEmpty();
    }

    @Test
    void internalEntriesAreRefused() {
        InetdEntry echo = new InetdEntry("echo", 7, "stream", "tcp", false, "root", null, "internal", List.of());
        ReactorProcess unused = (protocol, exe, argv, env, path) -> {
            throw new AssertionError("not started");
        };
        assertThatThrownBy(() -> new InetdFactory(unused, echo)).isInstanceOf(IllegalArgumentException.class);
    }
}
