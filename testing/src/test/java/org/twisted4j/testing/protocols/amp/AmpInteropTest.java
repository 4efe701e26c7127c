package org.twisted4j.testing.protocols.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.protocols.amp.calculator.Calculator.BOOM;
import static org.twisted4j.protocols.amp.calculator.Calculator.DIVIDE;
import static org.twisted4j.protocols.amp.calculator.Calculator.EVERYTHING;
import static org.twisted4j.protocols.amp.calculator.Calculator.NOPE;
import static org.twisted4j.protocols.amp.calculator.Calculator.SUM;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.protocols.amp.AMP;
import org.twisted4j.protocols.amp.calculator.Calculator;
import org.twisted4j.protocols.amp.calculator.Calculator.Division;
import org.twisted4j.protocols.amp.calculator.Calculator.Everything;
import org.twisted4j.protocols.amp.calculator.Calculator.Nothing;
import org.twisted4j.protocols.amp.calculator.Calculator.Operands;
import org.twisted4j.protocols.amp.calculator.Calculator.Quotient;
import org.twisted4j.protocols.amp.calculator.Calculator.Total;
import org.twisted4j.protocols.amp.calculator.Calculator.ZeroDivisionError;
import org.twisted4j.protocols.amp.UnhandledCommand;
import org.twisted4j.protocols.amp.UnknownRemoteError;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/**
 * AMP against Python Twisted over loopback TCP, both ways: Twisted's client calling our server, and our client
 * calling Twisted's server, with Twisted's Sum/Divide example, a command carrying every argument type, a
 * declared error (ZERO_DIVISION), UNHANDLED and UNKNOWN.
 */
@ExtendWith(TrialExtension.class)
class AmpInteropTest {

    @Test
    void pythonClientCallsOurServer(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        List<Everything> received = new ArrayList<>();
        ListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> {
            AMP amp = new AMP();
            Calculator.serve(amp.dispatcher());
            amp.respond(EVERYTHING, args -> {
                received.add(args);
                return args;
            });
            return amp;
        }), 50, "127.0.0.1");
        try {
            PythonAmp.Run run = PythonAmp.run(reactor, "amp_client.py",
                    Integer.toString(((IPv4Address) port.getHost()).port()));
            assertThat(run.lines()).as("what the Python client printed").containsExactly(
                    "sum 94",
                    "divide 2.5",
                    "zero ZeroDivisionError division by zero",
                    "everything same",
                    "nope UnhandledCommand Unhandled Command: b'Nope'",
                    "boom UnknownRemoteError Unknown Error");
            assertThat(run.exitCode()).isZero();
            assertThat(received).singleElement().usingRecursiveComparison().isEqualTo(Calculator.sample());
            assertThat(trial.flushLoggedErrors(IllegalStateException.class)).as("Boom's failure, logged here once")
                    .singleElement().extracting(f -> f.value().getMessage()).isEqualTo("secret detail");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void ourClientCallsPythonServer(NioReactor reactor) throws Exception {
        try (PythonAmp.Server server = PythonAmp.Server.start(reactor)) {
            AMP amp = Coroutine.await(Endpoints.connectProtocol(
                    Endpoints.clientFromString(reactor, "tcp:host=127.0.0.1:port=" + server.port()), new AMP()));
            assertThat(Coroutine.await(amp.callRemote(SUM, new Operands(13, 81)))).isEqualTo(new Total(94));
            assertThat(Coroutine.await(amp.callRemote(DIVIDE, new Division(10, 4)))).isEqualTo(new Quotient(2.5));
            assertThat(failure(amp.callRemote(DIVIDE, new Division(1, 0)))).isInstanceOfSatisfying(
                    ZeroDivisionError.class, e -> assertThat(e.getMessage()).isEqualTo("division by zero"));
            assertThat(Coroutine.await(amp.callRemote(EVERYTHING, Calculator.sample()))).usingRecursiveComparison()
                    .isEqualTo(Calculator.sample());
            assertThat(failure(amp.callRemote(NOPE, new Nothing()))).isInstanceOfSatisfying(UnhandledCommand.class,
                    e -> assertThat(e.description()).isEqualTo("Unhandled Command: b'Nope'"));
            assertThat(failure(amp.callRemote(BOOM, new Nothing()))).isInstanceOfSatisfying(
                    UnknownRemoteError.class, e -> assertThat(e.description()).isEqualTo("Unknown Error"));
        }
    }

    /** Waits for {@code call} to fail and returns its error. */
    private static Throwable failure(Deferred<?> call) throws Exception {
        Deferred<Throwable> error = call.addCallbacks(
                value -> {
                    throw new AssertionError("expected a failure, got " + value);
                }, Failure::value);
        return Coroutine.await(error);
    }
}
