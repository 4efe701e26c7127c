package org.twisted4j.conch.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.conch.telnet.TelnetParserTest.bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.StringTransport;

/** Every path of RFC 1143's Q method, byte for byte. */
class TelnetTest {

    static final int IAC = 255;
    static final int WILL = 251;
    static final int WONT = 252;
    static final int DO = 253;
    static final int DONT = 254;
    static final int OPT = TelnetCodes.SGA;

    /** A Telnet that allows SGA at both ends and records what changes. */
    static final class Recording extends Telnet {
        final List<String> changes = new ArrayList<>();
        Set<Integer> allowed = Set.of(OPT);

        @Override
        protected boolean allowLocal(int option) {
            return allowed.contains(option);
        }

        @Override
        protected boolean allowRemote(int option) {
            return allowed.contains(option);
        }

        @Override
        protected void localEnabled(int option) {
            changes.add("local on " + option);
        }

        @Override
        protected void localDisabled(int option) {
            changes.add("local off " + option);
        }

        @Override
        protected void remoteEnabled(int option) {
            changes.add("remote on " + option);
        }

        @Override
        protected void remoteDisabled(int option) {
            changes.add("remote off " + option);
        }
    }

    /** What a Deferred came to. */
    static final class Outcome {
        @Nullable String value;

        static Outcome of(Deferred<@Nullable Void> d) {
            Outcome outcome = new Outcome();
            d.addCallbacks(v -> {
                outcome.value = "ok";
                return null;
            }, f -> {
                outcome.value = f.type().getSimpleName();
                return null;
            });
            return outcome;
        }
    }

    StringTransport transport;
    Recording telnet;

    @BeforeEach
    void connect() {
        transport = new StringTransport();
        telnet = new Recording();
        telnet.makeConnection(transport);
    }

    void receive(int... values) {
        telnet.dataReceived(ByteBuffer.wrap(bytes(values)));
    }

    byte[] sent() {
        byte[] value = transport.value();
        transport.clear();
        return value;
    }

    @Test
    void anAllowedOfferIsAcceptedOnceAndARepeatIsIgnored() {
        receive(IAC, WILL, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, DO, OPT));
        assertThat(telnet.isRemoteEnabled(OPT)).isTrue();
        receive(IAC, WILL, OPT);
        assertThat(sent()).isEmpty();
        receive(IAC, DO, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, WILL, OPT));
        assertThat(telnet.changes).containsExactly("remote on 3", "local on 3");
    }

    @Test
    void linemodeAndEorAreRefusedAndARefusalIsNotAnswered() {
        receive(IAC, DO, TelnetCodes.LINEMODE, IAC, WILL, TelnetCodes.LINEMODE, IAC, DO, TelnetCodes.EOR,
                IAC, WILL, TelnetCodes.EOR);
        assertThat(sent()).isEqualTo(bytes(IAC, WONT, 34, IAC, DONT, 34, IAC, WONT, 25, IAC, DONT, 25));
        receive(IAC, WONT, TelnetCodes.LINEMODE, IAC, DONT, TelnetCodes.EOR);
        assertThat(sent()).isEmpty();
        assertThat(telnet.isLocalEnabled(TelnetCodes.LINEMODE)).isFalse();
        assertThat(telnet.changes).isEmpty();
    }

    @Test
    void anEnabledOptionTurnedOffByThePeerIsAcknowledged() {
        receive(IAC, WILL, OPT, IAC, WONT, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, DO, OPT, IAC, DONT, OPT));
        receive(IAC, WONT, OPT);
        assertThat(sent()).isEmpty();
        assertThat(telnet.changes).containsExactly("remote on 3", "remote off 3");
    }

    @Test
    void doFiresWhenThePeerAgrees() {
        Outcome outcome = Outcome.of(telnet.doOption(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, DO, OPT));
        assertThat(outcome.value).isNull();
        receive(IAC, WILL, OPT);
        assertThat(sent()).isEmpty();
        assertThat(outcome.value).isEqualTo("ok");
        assertThat(telnet.isRemoteEnabled(OPT)).isTrue();
    }

    @Test
    void willFailsWhenThePeerRefuses() {
        Outcome outcome = Outcome.of(telnet.will(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, WILL, OPT));
        receive(IAC, DONT, OPT);
        assertThat(sent()).isEmpty();
        assertThat(outcome.value).isEqualTo("OptionRefused");
        assertThat(telnet.isLocalEnabled(OPT)).isFalse();
    }

    @Test
    void askingForTheCurrentStateFailsAtOnceAndSendsNothing() {
        assertThat(Outcome.of(telnet.dont(OPT)).value).isEqualTo("OptionAlreadySet");
        assertThat(Outcome.of(telnet.wont(OPT)).value).isEqualTo("OptionAlreadySet");
        receive(IAC, WILL, OPT);
        sent();
        assertThat(Outcome.of(telnet.doOption(OPT)).value).isEqualTo("OptionAlreadySet");
        assertThat(sent()).isEmpty();
    }

    @Test
    void aRequestWhileOneIsUnansweredSendsNothingMore() {
        Outcome first = Outcome.of(telnet.doOption(OPT));
        Outcome second = Outcome.of(telnet.doOption(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, DO, OPT));
        receive(IAC, WILL, OPT);
        assertThat(first.value).isEqualTo("ok");
        assertThat(second.value).isEqualTo("ok");
    }

    @Test
    void disablingWhileEnablingIsQueuedAndSentAfterTheAnswer() {
        Outcome on = Outcome.of(telnet.doOption(OPT));
        Outcome off = Outcome.of(telnet.dont(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, DO, OPT));
        receive(IAC, WILL, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, DONT, OPT));
        assertThat(on.value).isNull();
        receive(IAC, WONT, OPT);
        assertThat(sent()).isEmpty();
        assertThat(on.value).isEqualTo("OptionRefused");
        assertThat(off.value).isEqualTo("ok");
        assertThat(telnet.changes).containsExactly("remote on 3", "remote off 3");
    }

    @Test
    void aQueuedDisableIsDroppedWhenTheEnableIsRefused() {
        Outcome on = Outcome.of(telnet.doOption(OPT));
        Outcome off = Outcome.of(telnet.dont(OPT));
        sent();
        receive(IAC, WONT, OPT);
        assertThat(sent()).isEmpty();
        assertThat(on.value).isEqualTo("OptionRefused");
        assertThat(off.value).isEqualTo("ok");
    }

    @Test
    void enablingAgainWhileDisablingIsQueuedAndSentAfterTheAcknowledgement() {
        receive(IAC, DO, OPT);
        sent();
        Outcome off = Outcome.of(telnet.wont(OPT));
        Outcome on = Outcome.of(telnet.will(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, WONT, OPT));
        receive(IAC, DONT, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, WILL, OPT));
        receive(IAC, DO, OPT);
        assertThat(sent()).isEmpty();
        assertThat(off.value).isEqualTo("OptionRefused");
        assertThat(on.value).isEqualTo("ok");
        assertThat(telnet.isLocalEnabled(OPT)).isTrue();
        assertThat(telnet.changes).containsExactly("local on 3", "local off 3", "local on 3");
    }

    @Test
    void aQueuedRequestIsCancelledByItsOpposite() {
        receive(IAC, DO, OPT);
        sent();
        Outcome off = Outcome.of(telnet.wont(OPT));
        Outcome on = Outcome.of(telnet.will(OPT));
        Outcome offAgain = Outcome.of(telnet.wont(OPT));
        receive(IAC, DONT, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, WONT, OPT));
        assertThat(off.value).isEqualTo("ok");
        assertThat(on.value).isEqualTo("OptionRefused");
        assertThat(offAgain.value).isEqualTo("ok");
    }

    @Test
    void aDisableAnsweredWithAnOfferEndsDisabledWithoutALoop() {
        receive(IAC, WILL, OPT);
        sent();
        Outcome off = Outcome.of(telnet.dont(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, DONT, OPT));
        receive(IAC, WILL, OPT);
        assertThat(sent()).isEmpty();
        assertThat(off.value).isEqualTo("ok");
        assertThat(telnet.isRemoteEnabled(OPT)).isFalse();
    }

    @Test
    void anEnableQueuedBehindADisableAnsweredWithAnOfferEndsEnabled() {
        receive(IAC, WILL, OPT);
        sent();
        Outcome off = Outcome.of(telnet.dont(OPT));
        Outcome on = Outcome.of(telnet.doOption(OPT));
        receive(IAC, WILL, OPT);
        assertThat(sent()).isEqualTo(bytes(IAC, DONT, OPT));
        assertThat(off.value).isEqualTo("OptionRefused");
        assertThat(on.value).isEqualTo("ok");
        assertThat(telnet.isRemoteEnabled(OPT)).isTrue();
    }

    @Test
    void twoEndsAskingAtOnceSettleWithoutALoop() {
        Outcome on = Outcome.of(telnet.will(OPT));
        assertThat(sent()).isEqualTo(bytes(IAC, WILL, OPT));
        // The peer asked DO at the same time; its DO is also the answer to our WILL.
        receive(IAC, DO, OPT, IAC, DO, OPT);
        assertThat(sent()).isEmpty();
        assertThat(on.value).isEqualTo("ok");
    }

    @Test
    void unansweredRequestsFailWhenTheConnectionEnds() {
        Outcome on = Outcome.of(telnet.doOption(TelnetCodes.NAWS));
        telnet.connectionLost(new Failure(new ConnectionDone()));
        assertThat(on.value).isEqualTo("OptionRefused");
        assertThat(Outcome.of(telnet.will(OPT)).value).isEqualTo("OptionRefused");
    }

    @Test
    void aBadSubnegotiationClosesTheConnection() {
        receive(IAC, 250, TelnetCodes.NAWS, IAC, WILL);
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void subnegotiationsAreWrittenWithTheirIacsDoubled() {
        telnet.requestNegotiation(TelnetCodes.TTYPE, bytes(1, 255));
        assertThat(sent()).isEqualTo(bytes(IAC, 250, 24, 1, 255, 255, IAC, 240));
    }
}
