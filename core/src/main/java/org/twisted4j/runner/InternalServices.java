package org.twisted4j.runner;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorTime;

/**
 * The small services inetd answers itself ({@code internal} in {@code inetd.conf}), as Twisted's
 * {@code twisted.protocols.wire}: echo (RFC 862), discard (RFC 863), daytime (RFC 867), time (RFC 868)
 * and chargen (RFC 864), over TCP.
 *
 * <pre>{@code
 * reactor.listenTCP(7, InternalServices.echo());
 * reactor.listenTCP(13, InternalServices.daytime(java.time.Clock.systemUTC()));
 * Factory any = InternalServices.forName("chargen", reactor, java.time.Clock.systemUTC());
 * }</pre>
 *
 * <ul>
 *   <li><b>echo</b> sends back every byte it receives.</li>
 *   <li><b>discard</b> reads and drops everything.</li>
 *   <li><b>daytime</b> sends the date and time in UTC as one line, in the C library's {@code asctime}
 *       form as Twisted does ({@code Mon Nov  2 15:04:05 2026\r\n}), and closes.</li>
 *   <li><b>time</b> sends the seconds since 1900-01-01 00:00 UTC as four bytes, big-endian, and closes.</li>
 *   <li><b>chargen</b> sends RFC 864's pattern until the client closes: lines of 72 printable characters
 *       ending in CRLF, each starting one character further along the 95 printable ASCII characters. It is
 *       a push producer of its connection, so it stops writing while the connection's buffer is full, and
 *       writes a bounded batch per reactor turn.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * The factories may be made on any thread; their protocols belong to the reactor thread.
 */
public final class InternalServices {
    /** The names {@link #forName} knows. */
    public static final Set<String> NAMES = Set.of("echo", "discard", "daytime", "time", "chargen");

    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Seconds from 1900-01-01 to 1970-01-01, for RFC 868. */
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private InternalServices() {
    }

    /**
     * Returns the factory of the internal service called {@code name}.
     *
     * @param name one of {@link #NAMES}
     * @param reactor schedules chargen's writing
     * @param wallClock tells daytime and time the date
     * @return the factory, or null if there is no internal service of that name
     */
    public static @Nullable Factory forName(String name, ReactorTime reactor, Clock wallClock) {
        return switch (name) {
            case "echo" -> echo();
            case "discard" -> discard();
            case "daytime" -> daytime(wallClock);
            case "time" -> time(wallClock);
            case "chargen" -> chargen(reactor);
            default -> null;
        };
    }

    /** Returns the factory of the echo service: every byte received is sent back. */
    public static Factory echo() {
        return Factory.forProtocol(Echo::new);
    }

    /** Returns the factory of the discard service: everything received is dropped. */
    public static Factory discard() {
        return Factory.forProtocol(Discard::new);
    }

    /**
     * Returns the factory of the daytime service.
     *
     * @param wallClock the source of the date and time
     * @return the factory
     */
    public static Factory daytime(Clock wallClock) {
        Objects.requireNonNull(wallClock, "wallClock");
        return Factory.forProtocol(() -> new OneShot(daytimeLine(wallClock.instant())));
    }

    /**
     * Returns the factory of the time service.
     *
     * @param wallClock the source of the time
     * @return the factory
     */
    public static Factory time(Clock wallClock) {
        Objects.requireNonNull(wallClock, "wallClock");
        return Factory.forProtocol(() -> new OneShot(timeBytes(wallClock.instant())));
    }

    /**
     * Returns the factory of the chargen service.
     *
     * @param reactor schedules the next batch of lines after each reactor turn
     * @return the factory
     */
    public static Factory chargen(ReactorTime reactor) {
        Objects.requireNonNull(reactor, "reactor");
        return Factory.forProtocol(() -> new Chargen(reactor));
    }

    static byte[] daytimeLine(Instant now) {
        return (ASCTIME.format(now) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] timeBytes(Instant now) {
        long seconds = (now.getEpochSecond() + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
        return ByteBuffer.allocate(4).putInt((int) seconds).array();
    }

    /** RFC 862. */
    private static final class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    /** RFC 863. */
    private static final class Discard extends Protocol {
    }

    /** Sends one answer when connected and closes: daytime and time. */
    private static final class OneShot extends Protocol {
        private final byte[] answer;

        OneShot(byte[] answer) {
            this.answer = answer;
        }

        @Override
        public void connectionMade() {
            transport().write(answer);
            transport().loseConnection();
        }
    }
}
