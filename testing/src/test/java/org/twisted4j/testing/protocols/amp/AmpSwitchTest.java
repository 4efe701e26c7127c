package org.twisted4j.testing.protocols.amp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.protocols.amp.calculator.Calculator.SUM;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.TlsUpgradable;
import org.twisted4j.internet.ssl.CertificateBuilder;
import org.twisted4j.internet.ssl.CertificateOptions;
import org.twisted4j.internet.ssl.ClientTlsOptions;
import org.twisted4j.internet.ssl.PrivateCertificate;
import org.twisted4j.internet.ssl.TlsOptions;
import org.twisted4j.internet.ssl.TrustRoot;
import org.twisted4j.protocols.amp.AMP;
import org.twisted4j.protocols.amp.AmpBox;
import org.twisted4j.protocols.amp.Arguments;
import org.twisted4j.protocols.amp.Command;
import org.twisted4j.protocols.amp.OnlyOneTLS;
import org.twisted4j.protocols.amp.ProtocolSwitched;
import org.twisted4j.protocols.amp.Schema;
import org.twisted4j.protocols.amp.StartTLS;
import org.twisted4j.protocols.amp.calculator.Calculator;
import org.twisted4j.protocols.tls.TlsFactory;
import org.twisted4j.protocols.tls.TlsProtocol;
import org.twisted4j.protocols.tls.TlsTransport;
import org.twisted4j.protocols.amp.calculator.Calculator.Operands;
import org.twisted4j.protocols.amp.calculator.Calculator.Total;
import org.twisted4j.testing.AccumulatingProtocol;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;

/**
 * StartTLS and protocol switches byte for byte: on a {@link StringTransport} for a protocol switch, and between two
 * AMPs on the in-memory loopback for TLS, where what one end writes before a pump (an answer and the first TLS
 * record) arrives at the other in one read.
 */
class AmpSwitchTest {
    private static final PrivateCertificate CERTIFICATE = CertificateBuilder.selfSigned("localhost")
            .dnsNames("localhost").ipAddresses("127.0.0.1").build();
    private static final TlsOptions SERVER_TLS = CertificateOptions.builder().certificate(CERTIFICATE).build();
    private static final TlsOptions CLIENT_TLS = ClientTlsOptions.optionsForClientTLS("localhost",
            TrustRoot.of(CERTIFICATE.certificate()), null, List.of());

    /** The arguments of {@link #SWITCH}: a name on the wire and the caller's factory, local. */
    public record SwitchTo(String name, @Nullable Factory factory) {
    }

    /** The response of {@link #SWITCH}: the responder's factory, local. */
    public record Switched(@Nullable Factory factory) {
    }

    /** A protocol switch, as a subclass of Twisted's {@code ProtocolSwitchCommand}. */
    static final Command<SwitchTo, Switched> SWITCH = Command.builder("Switch",
            Schema.of(SwitchTo.class).field("name", Arguments.unicode()).local("factory").build(),
            Schema.of(Switched.class).local("factory").build())
            .error(IllegalArgumentException.class, "NO_SUCH_PROTOCOL", IllegalArgumentException::new)
            .switchesProtocol()
            .build();

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(US_ASCII));
    }

    private static ByteBuffer join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static <T> List<Object> outcome(Deferred<T> deferred) {
        List<Object> outcome = new ArrayList<>();
        deferred.addCallbacks(value -> outcome.add(value), failure -> outcome.add(failure.value()));
        return outcome;
    }

    private static byte[] sumCall(String tag) {
        return new AmpBox().put("_command", "Sum").put("_ask", tag).put("a", "1").put("b", "2").serialize();
    }

    @Test
    void callerHandsBytesAfterTheAnswerToTheNewProtocol() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        amp.makeConnection(transport);
        AccumulatingProtocol next = new AccumulatingProtocol();
        List<Object> outcome = outcome(amp.callRemote(SWITCH, new SwitchTo("echo", Factory.forProtocol(() -> next))));
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_command", "Switch").put("_ask", "1")
                .put("name", "echo").serialize());
        assertThat(outcome(amp.callRemote(SUM, new Operands(1, 2)))).as("no AMP while the switch waits")
                .singleElement().isInstanceOf(ProtocolSwitched.class);

        amp.dataReceived(join(new AmpBox().put("_answer", "1").serialize(), sumCall("9"), "more".getBytes(US_ASCII)));
        assertThat(outcome).singleElement().isInstanceOf(Switched.class);
        assertThat(next.isMade()).isTrue();
        assertThat(amp.switchedTo()).isSameAs(next);
        amp.dataReceived(ascii(" and more"));
        assertThat(new String(next.data(), US_ASCII)).as("a box after the answer is not AMP's to read")
                .isEqualTo(new String(sumCall("9"), US_ASCII) + "more and more");
        assertThat(outcome(amp.callRemote(SUM, new Operands(1, 2)))).singleElement()
                .isInstanceOf(ProtocolSwitched.class);
        ConnectionDone done = new ConnectionDone();
        amp.connectionLost(new Failure(done));
        assertThat(next.closedReason()).isNotNull().extracting(Failure::value).isSameAs(done);
    }

    @Test
    void failedSwitchLeavesAmpRunningOnTheCallersSide() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        amp.makeConnection(transport);
        AccumulatingProtocol next = new AccumulatingProtocol();
        List<Object> outcome = outcome(amp.callRemote(SWITCH, new SwitchTo("nope", Factory.forProtocol(() -> next))));
        amp.dataReceived(ByteBuffer.wrap(new AmpBox().put("_error", "1").put("_error_code", "NO_SUCH_PROTOCOL")
                .put("_error_description", "no nope here").serialize()));
        assertThat(outcome).singleElement().isInstanceOfSatisfying(IllegalArgumentException.class,
                e -> assertThat(e.getMessage()).isEqualTo("no nope here"));
        assertThat(next.isMade()).isFalse();
        transport.clear();
        List<Object> sum = outcome(amp.callRemote(SUM, new Operands(1, 2)));
        assertThat(transport.value()).as("AMP goes on").isNotEmpty();
        amp.dataReceived(ByteBuffer.wrap(new AmpBox().put("_answer", "2").put("total", "3").serialize()));
        assertThat(sum).containsExactly(new Total(3));
    }

    @Test
    void responderSwitchesRightAfterWritingItsAnswer() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        AccumulatingProtocol next = new AccumulatingProtocol();
        Calculator.serve(amp.dispatcher());
        amp.respond(SWITCH, args -> new Switched(Factory.forProtocol(() -> next)));
        amp.makeConnection(transport);
        amp.dataReceived(join(new AmpBox().put("_command", "Switch").put("_ask", "a").put("name", "echo").serialize(),
                sumCall("b"), "x".getBytes(US_ASCII)));
        assertThat(transport.value()).as("the answer, and no answer to the Sum after it")
                .isEqualTo(new AmpBox().put("_answer", "a").serialize());
        assertThat(new String(next.data(), US_ASCII)).isEqualTo(new String(sumCall("b"), US_ASCII) + "x");
        assertThat(outcome(amp.dispatcher().callRemote(SUM, new Operands(1, 2)))).as("no more AMP out")
                .singleElement().isInstanceOf(ProtocolSwitched.class);
    }

    @Test
    void responderHoldsWhatArrivesUntilItsLateAnswer() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        AccumulatingProtocol next = new AccumulatingProtocol();
        Deferred<Switched> later = new Deferred<>();
        Calculator.serve(amp.dispatcher());
        amp.respondDeferred(SWITCH, args -> later);
        amp.makeConnection(transport);
        amp.dataReceived(join(new AmpBox().put("_command", "Switch").put("_ask", "a").put("name", "echo").serialize(),
                sumCall("b")));
        amp.dataReceived(ascii("tail"));
        assertThat(transport.value()).as("nothing parsed while the answer is awaited").isEmpty();
        later.callback(new Switched(Factory.forProtocol(() -> next)));
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_answer", "a").serialize());
        assertThat(new String(next.data(), US_ASCII)).isEqualTo(new String(sumCall("b"), US_ASCII) + "tail");
    }

    @Test
    void holdingMoreThanABoxBeforeTheAnswerDropsTheConnection() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        amp.setMaxBoxSize(64);
        amp.respondDeferred(SWITCH, args -> new Deferred<>());
        amp.makeConnection(transport);
        amp.dataReceived(ByteBuffer.wrap(new AmpBox().put("_command", "Switch").put("_ask", "a").put("name", "x")
                .serialize()));
        amp.dataReceived(ByteBuffer.wrap(new byte[40]));
        assertThat(transport.isDisconnecting()).isFalse();
        amp.dataReceived(ByteBuffer.wrap(new byte[40]));
        assertThat(transport.isDisconnecting()).as("over the box size limit, held").isTrue();
    }

    @Test
    void refusedSwitchParsesWhatWasHeld() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        Deferred<Switched> later = new Deferred<>();
        Calculator.serve(amp.dispatcher());
        amp.respondDeferred(SWITCH, args -> later);
        amp.makeConnection(transport);
        amp.dataReceived(join(new AmpBox().put("_command", "Switch").put("_ask", "a").put("name", "nope").serialize(),
                sumCall("b")));
        later.errback(new IllegalArgumentException("no nope here"));
        assertThat(transport.value()).isEqualTo(join(new AmpBox().put("_error", "a")
                .put("_error_code", "NO_SUCH_PROTOCOL").put("_error_description", "no nope here").serialize(),
                new AmpBox().put("_answer", "b").put("total", "3").serialize()).array());
        assertThat(amp.switchedTo()).isNull();
    }

    @Test
    void startTlsOnATransportWithoutTlsFailsAndIsRefused() {
        StringTransport transport = new StringTransport();
        AMP amp = new AMP();
        amp.respond(StartTLS.COMMAND, args -> new StartTLS.Options(SERVER_TLS));
        amp.makeConnection(transport);
        assertThat(outcome(amp.callRemote(StartTLS.COMMAND, new StartTLS.Options(CLIENT_TLS)))).singleElement()
                .isInstanceOf(IllegalStateException.class);
        assertThat(outcome(amp.callRemote(StartTLS.COMMAND, new StartTLS.Options(null)))).singleElement()
                .isInstanceOf(IllegalArgumentException.class);
        amp.dataReceived(ByteBuffer.wrap(new AmpBox().put("_command", "StartTLS").put("_ask", "1").serialize()));
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_error", "1").put("_error_code", "TLS_ERROR")
                .put("_error_description", "TLS is not available").serialize());
    }

    /** A {@link StringTransport} that records what it is asked to start TLS with, and then keeps recording. */
    private static final class TlsRecordingTransport extends StringTransport implements TlsUpgradable {
        @Nullable Boolean client;
        byte @Nullable [] early;
        int writtenBeforeTls = -1;

        @Override
        public TlsTransport startTLS(TlsOptions options, boolean client, ByteBuffer alreadyReceived) {
            this.client = client;
            this.writtenBeforeTls = value().length;
            this.early = new byte[alreadyReceived.remaining()];
            alreadyReceived.get(early);
            return TlsProtocol.forStartTls(options, client, new AccumulatingProtocol(), null, -1);
        }
    }

    @Test
    void callerTakesWhatFollowsTheStartTlsAnswerAsTlsAndSendsWhatWaitedAfter() {
        TlsRecordingTransport transport = new TlsRecordingTransport();
        AMP amp = new AMP();
        Calculator.serve(amp.dispatcher());
        amp.makeConnection(transport);
        List<Object> started = outcome(amp.callRemote(StartTLS.COMMAND, new StartTLS.Options(CLIENT_TLS)));
        outcome(amp.callRemote(SUM, new Operands(2, 3)));
        byte[] startTls = new AmpBox().put("_command", "StartTLS").put("_ask", "1").serialize();
        assertThat(transport.value()).as("the Sum waits for TLS").isEqualTo(startTls);

        amp.dataReceived(join(new AmpBox().put("_answer", "1").serialize(), sumCall("9"), "x".getBytes(US_ASCII)));
        assertThat(started).singleElement().isInstanceOf(StartTLS.Options.class);
        assertThat(transport.client).isTrue();
        assertThat(transport.early).as("not parsed as AMP: TLS's to read").isEqualTo(join(sumCall("9"),
                "x".getBytes(US_ASCII)).array());
        assertThat(transport.writtenBeforeTls).isEqualTo(startTls.length);
        assertThat(transport.value()).as("the waiting Sum after TLS started, and no answer to the box after it")
                .isEqualTo(join(startTls, new AmpBox().put("_command", "Sum").put("_ask", "2").put("a", "2")
                        .put("b", "3").serialize()).array());
        assertThat(amp.isTlsStarted()).isTrue();
        assertThat(amp.tlsTransport()).isNotNull();
    }

    @Test
    void responderStartsTlsRightAfterItsAnswerWithWhatFollowedTheCommand() {
        TlsRecordingTransport transport = new TlsRecordingTransport();
        AMP amp = new AMP();
        Calculator.serve(amp.dispatcher());
        amp.respond(StartTLS.COMMAND, args -> new StartTLS.Options(SERVER_TLS));
        amp.makeConnection(transport);
        amp.dataReceived(join(new AmpBox().put("_command", "StartTLS").put("_ask", "5").serialize(), sumCall("6")));
        byte[] answer = new AmpBox().put("_answer", "5").serialize();
        assertThat(transport.value()).isEqualTo(answer);
        assertThat(transport.writtenBeforeTls).isEqualTo(answer.length);
        assertThat(transport.client).isFalse();
        assertThat(transport.early).isEqualTo(sumCall("6"));
        transport.clear();
        amp.dataReceived(ByteBuffer.wrap(new AmpBox().put("_command", "StartTLS").put("_ask", "7").serialize()));
        assertThat(transport.value()).isEqualTo(new AmpBox().put("_error", "7").put("_error_code", "TLS_ERROR")
                .put("_error_description", "TLS has already started on this connection").serialize());
    }

    @Test
    void startTlsOnAConnectionThatBeganInTlsFailsOnBothSides() {
        AMP server = new AMP();
        AMP client = new AMP();
        server.respond(StartTLS.COMMAND, args -> new StartTLS.Options(SERVER_TLS));
        IOPump pump = IOPump.connectedLoopback(
                new TlsFactory(SERVER_TLS, Factory.forProtocol(() -> server), false)
                        .buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS),
                new TlsFactory(CLIENT_TLS, Factory.forProtocol(() -> client), true)
                        .buildProtocol(IOPump.DEFAULT_SERVER_ADDRESS));
        pump.flush();
        assertThat(outcome(client.callRemote(StartTLS.COMMAND, new StartTLS.Options(CLIENT_TLS)))).singleElement()
                .isInstanceOf(OnlyOneTLS.class);
        List<Object> asked = outcome(client.dispatcher().callRemote(StartTLS.COMMAND,
                new StartTLS.Options(CLIENT_TLS)));
        pump.flush();
        assertThat(asked).singleElement().isInstanceOfSatisfying(OnlyOneTLS.class,
                e -> assertThat(e.getMessage()).isEqualTo("TLS has already started on this connection"));
    }

    /** Two AMPs on the loopback, each answering Sum (recording whether TLS had started) and StartTLS. */
    private static final class Pair {
        final AMP server = new AMP();
        final AMP client = new AMP();
        final List<String> sums = new ArrayList<>();
        final IOPump pump;

        Pair(TlsOptions serverSide, TlsOptions clientSide) {
            serve(server, "server", serverSide);
            serve(client, "client", clientSide);
            pump = IOPump.connectedLoopback(server, client);
        }

        private void serve(AMP amp, String name, TlsOptions options) {
            amp.respond(SUM, args -> {
                sums.add(name + (amp.isTlsStarted() ? " in TLS" : " in the clear"));
                return new Total(args.a() + args.b());
            });
            amp.respond(StartTLS.COMMAND, args -> new StartTLS.Options(options));
        }
    }

    @Test
    void clientStartsTlsAndBoxesSentMeanwhileGoOverIt() {
        Pair pair = new Pair(SERVER_TLS, CLIENT_TLS);
        List<Object> before = outcome(pair.client.callRemote(SUM, new Operands(1, 1)));
        List<Object> started = outcome(pair.client.callRemote(StartTLS.COMMAND, new StartTLS.Options(CLIENT_TLS)));
        List<Object> after = outcome(pair.client.callRemote(SUM, new Operands(2, 2)));
        assertThat(outcome(pair.client.callRemote(StartTLS.COMMAND, new StartTLS.Options(CLIENT_TLS))))
                .singleElement().isInstanceOf(OnlyOneTLS.class);
        pair.pump.flush();
        assertThat(before).containsExactly(new Total(2));
        assertThat(started).singleElement().isInstanceOf(StartTLS.Options.class);
        assertThat(after).containsExactly(new Total(4));
        assertThat(pair.sums).containsExactly("server in the clear", "server in TLS");
        assertThat(pair.server.isTlsStarted()).isTrue();
        assertThat(pair.client.isTlsStarted()).isTrue();
        assertThat(pair.pump.clientTransport().isDisconnecting()).isFalse();

        List<Object> again = outcome(pair.client.dispatcher().callRemote(StartTLS.COMMAND,
                new StartTLS.Options(CLIENT_TLS)));
        pair.pump.flush();
        assertThat(again).as("the server refuses a second StartTLS").singleElement()
                .isInstanceOfSatisfying(OnlyOneTLS.class, e -> assertThat(e.getMessage())
                        .isEqualTo("TLS has already started on this connection"));
        List<Object> still = outcome(pair.server.callRemote(SUM, new Operands(3, 3)));
        pair.pump.flush();
        assertThat(still).containsExactly(new Total(6));
        assertThat(pair.sums).last().isEqualTo("client in TLS");
    }

    @Test
    void serverStartsTlsWhenTheClientsHelloFollowsTheAnswerInOneRead() {
        Pair pair = new Pair(SERVER_TLS, CLIENT_TLS);
        List<Object> started = outcome(pair.server.callRemote(StartTLS.COMMAND, new StartTLS.Options(SERVER_TLS)));
        List<Object> after = outcome(pair.server.callRemote(SUM, new Operands(5, 5)));
        pair.pump.flush();
        assertThat(started).singleElement().isInstanceOf(StartTLS.Options.class);
        assertThat(after).containsExactly(new Total(10));
        assertThat(pair.sums).containsExactly("client in TLS");
        List<Object> back = outcome(pair.client.callRemote(SUM, new Operands(6, 6)));
        pair.pump.flush();
        assertThat(back).containsExactly(new Total(12));
        assertThat(pair.sums).last().isEqualTo("server in TLS");
    }
}
