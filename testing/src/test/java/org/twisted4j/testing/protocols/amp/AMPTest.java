package org.twisted4j.testing.protocols.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.protocols.amp.calculator.Calculator.SUM;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;
import org.twisted4j.protocols.amp.AMP;
import org.twisted4j.protocols.amp.AmpBox;
import org.twisted4j.protocols.amp.TooLong;
import org.twisted4j.protocols.amp.calculator.Calculator;
import org.twisted4j.protocols.amp.calculator.Calculator.Operands;
import org.twisted4j.protocols.amp.calculator.Calculator.Total;
import org.twisted4j.testing.StringTransport;

/** {@link AMP} on a {@link StringTransport}: bytes out, bytes in, and what bad input does to the connection. */
class AMPTest {
    /** Twisted's bytes for Sum(a=13, b=81) asked with tag 1. */
    private static final byte[] TWISTED_SUM_CALL = HexFormat.of().parseHex(
            "00045f61736b00013100085f636f6d6d616e64000353756d00016100023133000162000238310000");

    private final StringTransport transport = new StringTransport();
    private final AMP amp = new AMP();
    private final List<LogEvent> logged = new ArrayList<>();
    private final LogObserver observer = event -> {
        if (event.namespace().startsWith("org.twisted4j.protocols.amp")) {
            synchronized (logged) {
                logged.add(event);
            }
        }
    };

    @BeforeEach
    void connect() {
        LogPublisher.global().addObserver(observer);
        Calculator.serve(amp.dispatcher());
        amp.makeConnection(transport);
    }

    @AfterEach
    void stopLogging() {
        LogPublisher.global().removeObserver(observer);
    }

    private void receive(byte[] bytes) {
        amp.dataReceived(ByteBuffer.wrap(bytes));
    }

    private static <T> List<Object> outcome(Deferred<T> deferred) {
        List<Object> outcome = new ArrayList<>();
        deferred.addCallbacks(value -> outcome.add(value), failure -> outcome.add(failure.value()));
        return outcome;
    }

    @Test
    void callWritesTheBytesTwistedWrites() {
        List<Object> outcome = outcome(amp.callRemote(SUM, new Operands(13, 81)));
        assertThat(transport.value()).isEqualTo(TWISTED_SUM_CALL);
        receive(new AmpBox().put("_answer", "1").put("total", "94").serialize());
        assertThat(outcome).containsExactly(new Total(94));
    }

    @Test
    void twistedsCallIsAnsweredEvenByteByByte() {
        for (byte b : TWISTED_SUM_CALL) {
            receive(new byte[] {b});
        }
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_answer", "1").put("total", "94").serialize());
    }

    @Test
    void answersToPipelinedCallsLeaveInOneWrite() {
        List<Integer> writes = new ArrayList<>();
        StringTransport counting = new StringTransport() {
            @Override
            public void write(ByteBuffer data) {
                writes.add(data.remaining());
                super.write(data);
            }
        };
        AMP server = new AMP();
        Calculator.serve(server.dispatcher());
        server.makeConnection(counting);
        java.io.ByteArrayOutputStream calls = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream answers = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            calls.writeBytes(new AmpBox().put("_command", "Sum").put("_ask", Integer.toString(i)).put("a", "1")
                    .put("b", Integer.toString(i)).serialize());
            answers.writeBytes(new AmpBox().put("_answer", Integer.toString(i)).put("total", Integer.toString(1 + i))
                    .serialize());
        }
        server.dataReceived(ByteBuffer.wrap(calls.toByteArray()));
        assertThat(counting.value()).isEqualTo(answers.toByteArray());
        assertThat(writes).hasSize(1);
        server.callRemote(SUM, new Operands(1, 2)).addErrback(failure -> null);
        assertThat(writes).as("a call made outside a read is written at once").hasSize(2);
    }

    @Test
    void connectionLossFailsOutstandingCallsWithItsReason() {
        List<Object> outcome = outcome(amp.callRemote(SUM, new Operands(1, 2)));
        ConnectionDone reason = new ConnectionDone();
        amp.connectionLost(new Failure(reason));
        assertThat(outcome).containsExactly(reason);
        assertThat(outcome(amp.callRemote(SUM, new Operands(1, 2)))).containsExactly(reason);
    }

    @Test
    void oversizedKeyDropsTheConnectionWithOneLogLineAndFailsCallsWithTooLong() {
        List<Object> outcome = outcome(amp.callRemote(SUM, new Operands(1, 2)));
        transport.clear();
        receive(new byte[] {1, 0, 'x', 'y'});
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(transport.value()).isEmpty();
        receive(TWISTED_SUM_CALL);
        assertThat(transport.value()).as("nothing more is read").isEmpty();
        amp.connectionLost(new Failure(new ConnectionDone()));
        assertThat(outcome).singleElement().isInstanceOfSatisfying(TooLong.class,
                e -> assertThat(e.what()).isEqualTo(TooLong.What.KEY));
        assertThat(logged).singleElement().satisfies(event -> {
            assertThat(event.level()).isEqualTo(LogLevel.WARN);
            assertThat(event.failure()).isNull();
        });
    }

    @Test
    void boxOverTheLimitDropsTheConnection() {
        amp.setMaxBoxSize(64);
        receive(new AmpBox().put("k", new byte[100]).serialize());
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(transport.value()).isEmpty();
        assertThat(logged).hasSize(1);
    }

    @Test
    void boxThatIsNeitherQuestionNorAnswerDropsTheConnection() {
        receive(new AmpBox().put("hello", "there").serialize());
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(logged).hasSize(1);
    }

    @Test
    void undeclaredFailureAnswersUnknownAndCloses() {
        receive(new AmpBox().put("_command", "Boom").put("_ask", "7").serialize());
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_error", "7").put("_error_code", "UNKNOWN")
                .put("_error_description", "Unknown Error").serialize());
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(logged).singleElement().satisfies(event -> assertThat(event.failure()).isNotNull());
    }
}
