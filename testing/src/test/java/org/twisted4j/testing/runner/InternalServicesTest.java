package org.twisted4j.testing.runner;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.runner.InternalServices;
import org.twisted4j.testing.StringTransport;

class InternalServicesTest {
    private static final Clock NOVEMBER_THIRD = Clock.fixed(Instant.parse("2026-11-03T07:04:05Z"), ZoneOffset.UTC);
    private static final int LINE = 74;
    private static final int CYCLE = 95 * LINE;

    private final org.twisted4j.internet.task.Clock clock = new org.twisted4j.internet.task.Clock();
    /**
     * The reactor's time as chargen sees it: a call for "the next turn" (delay 0) is due one second later,
     * so that {@code clock.advance(1)} runs exactly one turn. (A {@link org.twisted4j.internet.task.Clock}
     * runs a call made with delay 0 during {@code advance} in that same advance, as Twisted's does.)
     */
    private final ReactorTime reactorClock = new ReactorTime() {
        @Override
        public DelayedCall callLater(double delaySeconds, Runnable call) {
            return clock.callLater(Math.max(delaySeconds, 1), call);
        }

        @Override
        public double seconds() {
            return clock.seconds();
        }

        @Override
        public List<DelayedCall> getDelayedCalls() {
            return clock.getDelayedCalls();
        }
    };
    private final StringTransport transport = new StringTransport();

    private Protocol connect(Factory factory) {
        Protocol protocol = factory.buildProtocol(StringTransport.DEFAULT_PEER);
        assertThat(protocol).isNotNull();
        protocol.makeConnection(transport);
        return protocol;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(US_ASCII));
    }

    @Test
    void echoSendsBackEveryByte() {
        Protocol echo = connect(InternalServices.echo());
        echo.dataReceived(ascii("hello "));
        echo.dataReceived(ascii("world\r\n"));
        assertThat(transport.valueAsString()).isEqualTo("hello world\r\n");
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void discardSendsNothingAndStaysOpen() {
        Protocol discard = connect(InternalServices.discard());
        discard.dataReceived(ascii("into the void"));
        assertThat(transport.value()).isEmpty();
        assertThat(transport.isDisconnecting()).isFalse();
    }

    @Test
    void daytimeSendsTheUtcDateAsAsctimeDoesAndCloses() {
        connect(InternalServices.daytime(NOVEMBER_THIRD));
        assertThat(transport.valueAsString()).isEqualTo("Tue Nov  3 07:04:05 2026\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void daytimeOfATwoDigitDayHasNoPadding() {
        connect(InternalServices.daytime(Clock.fixed(Instant.parse("1982-02-22T17:37:43Z"), ZoneOffset.UTC)));
        assertThat(transport.valueAsString()).isEqualTo("Mon Feb 22 17:37:43 1982\r\n");
    }

    @Test
    void timeSendsSecondsSince1900AsFourBigEndianBytesAndCloses() {
        connect(InternalServices.time(Clock.fixed(Instant.parse("1970-01-01T00:00:01Z"), ZoneOffset.UTC)));
        assertThat(transport.value()).containsExactly(0x83, 0xAA, 0x7E, 0x81);   // 2208988801
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void chargenLinesFollowRfc864() {
        connect(InternalServices.chargen(reactorClock));
        String text = transport.valueAsString(US_ASCII);
        String[] lines = text.substring(0, 2 * CYCLE).split("\r\n", -1);

        assertThat(lines[0]).isEqualTo("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg"
                .replace("!\"", " !\"").substring(0, 72));
        assertThat(lines[1]).isEqualTo(lines[0].substring(1) + "h");
        assertThat(lines[94]).startsWith("~ !\"#").hasSize(72);
        assertThat(lines[95]).isEqualTo(lines[0]);
        for (int i = 0; i < 190; i++) {
            String line = lines[i];
            assertThat(line).hasSize(72);
            for (int column = 0; column < 72; column++) {
                assertThat(line.charAt(column)).isEqualTo((char) (' ' + (i + column) % 95));
            }
        }
    }

    @Test
    void chargenWritesABoundedBatchPerTurnAndNothingWhilePaused() {
        connect(InternalServices.chargen(reactorClock));
        assertThat(transport.isStreaming()).isTrue();
        PushProducer chargen = (PushProducer) transport.producer();
        int firstTurn = transport.value().length;
        assertThat(firstTurn).isPositive().isLessThanOrEqualTo(16 * CYCLE).isEqualTo(firstTurn / CYCLE * CYCLE);

        clock.advance(1);
        assertThat(transport.value()).hasSize(2 * firstTurn);

        chargen.pauseProducing();
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(10);
        assertThat(transport.value()).hasSize(2 * firstTurn);

        chargen.resumeProducing();
        chargen.resumeProducing();
        clock.advance(1);
        assertThat(transport.value()).hasSize(3 * firstTurn);
        assertThat(clock.getDelayedCalls()).hasSize(1);

        chargen.stopProducing();
        assertThat(clock.getDelayedCalls()).isEmpty();
        chargen.resumeProducing();
        clock.advance(1);
        assertThat(transport.value()).hasSize(3 * firstTurn);
    }

    @Test
    void chargenPausedDuringAWriteStopsAtOnce() {
        StringTransport pausing = new StringTransport() {
            private int writes;

            @Override
            public void write(ByteBuffer data) {
                super.write(data);
                if (++writes == 2) {
                    ((PushProducer) producer()).pauseProducing();
                }
            }
        };
        Protocol chargen = InternalServices.chargen(reactorClock).buildProtocol(StringTransport.DEFAULT_PEER);
        chargen.makeConnection(pausing);

        assertThat(pausing.value()).hasSize(2 * CYCLE);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void everyNameHasItsFactory() {
        for (String name : InternalServices.NAMES) {
            assertThat(InternalServices.forName(name, reactorClock, NOVEMBER_THIRD)).as(name).isNotNull();
        }
        assertThat(InternalServices.forName("qotd", reactorClock, NOVEMBER_THIRD)).isNull();
    }
}
