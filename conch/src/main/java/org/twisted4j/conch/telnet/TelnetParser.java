package org.twisted4j.conch.telnet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An incremental parser of the Telnet stream (RFC 854): it splits what arrives into application data, commands,
 * option negotiations and subnegotiations, and hands each to a {@link Listener}. Input split at any byte parses
 * the same.
 *
 * <p>Application data follows the NVT's rules as Twisted reads them: {@code IAC IAC} is the byte 255,
 * {@code CR LF} becomes {@code LF} and {@code CR NUL} becomes {@code CR}. Inside a subnegotiation,
 * {@code IAC IAC} is 255 and {@code IAC SE} ends it; its length is limited
 * ({@link #DEFAULT_MAX_SUBNEGOTIATION}).
 *
 * <h2>Threading</h2>
 * One parser per connection, used on one thread at a time.
 */
public final class TelnetParser {

    /** The default limit on a subnegotiation's data, in bytes. */
    public static final int DEFAULT_MAX_SUBNEGOTIATION = 1024;

    /** What the parser finds, in the order it finds it. */
    public interface Listener {

        /**
         * Application data.
         *
         * @param data the bytes, valid only during the call
         */
        void data(ByteBuffer data);

        /** A command other than a negotiation or subnegotiation ({@code NOP}, {@code AYT}, {@code GA}...). */
        void command(int command);

        /**
         * An option negotiation.
         *
         * @param command {@link TelnetCodes#WILL}, {@code WONT}, {@code DO} or {@code DONT}
         * @param option the option's code
         */
        void negotiate(int command, int option);

        /**
         * A complete subnegotiation.
         *
         * @param option the option's code
         * @param data its data, with doubled {@code IAC}s made single
         */
        void subnegotiation(int option, byte[] data);
    }

    private enum State { DATA, CR, IAC, NEGOTIATE, SB_OPTION, SB_DATA, SB_IAC }

    private final Listener listener;
    private final ByteArrayOutputStream subnegotiation = new ByteArrayOutputStream();
    private final byte[] pending = new byte[4096];
    private int pendingLength;
    private int maxSubnegotiation = DEFAULT_MAX_SUBNEGOTIATION;
    private State state = State.DATA;
    private int command;
    private int option;

    /** A parser that reports to {@code listener}. */
    public TelnetParser(Listener listener) {
        this.listener = listener;
    }

    /**
     * Sets the limit on a subnegotiation's data.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public TelnetParser setMaxSubnegotiation(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + bytes);
        }
        maxSubnegotiation = bytes;
        return this;
    }

    /**
     * Parses the bytes between {@code input}'s position and limit, and moves the position to the limit.
     *
     * @throws TelnetProtocolException if a subnegotiation is longer than the limit or holds an {@code IAC}
     *     followed by anything but {@code IAC} or {@code SE}; the parser should not be used again (an
     *     {@code IAC SE} outside a subnegotiation is passed on as a command)
     */
    public void parse(ByteBuffer input) throws TelnetProtocolException {
        while (input.hasRemaining()) {
            int b = input.get() & 0xff;
            switch (state) {
                case DATA -> {
                    if (b == TelnetCodes.IAC) {
                        state = State.IAC;
                    } else if (b == '\r') {
                        state = State.CR;
                    } else {
                        data(b);
                    }
                }
                case CR -> {
                    state = State.DATA;
                    if (b == '\n') {
                        data('\n');
                    } else if (b == 0) {
                        data('\r');
                    } else {
                        data('\r');
                        input.position(input.position() - 1);
                    }
                }
                case IAC -> afterIac(b);
                case NEGOTIATE -> {
                    state = State.DATA;
                    listener.negotiate(command, b);
                }
                case SB_OPTION -> {
                    option = b;
                    subnegotiation.reset();
                    state = State.SB_DATA;
                }
                case SB_DATA -> {
                    if (b == TelnetCodes.IAC) {
                        state = State.SB_IAC;
                    } else {
                        subnegotiationByte(b);
                    }
                }
                case SB_IAC -> {
                    if (b == TelnetCodes.IAC) {
                        subnegotiationByte(b);
                        state = State.SB_DATA;
                    } else if (b == TelnetCodes.SE) {
                        state = State.DATA;
                        listener.subnegotiation(option, subnegotiation.toByteArray());
                    } else {
                        throw new TelnetProtocolException("IAC " + TelnetCodes.commandName(b)
                                + " inside the subnegotiation of " + TelnetCodes.optionName(option));
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        flush();
    }

    private void afterIac(int b) {
        switch (b) {
            case TelnetCodes.IAC -> {
                state = State.DATA;
                data(TelnetCodes.IAC);
            }
            case TelnetCodes.WILL, TelnetCodes.WONT, TelnetCodes.DO, TelnetCodes.DONT -> {
                flush();
                command = b;
                state = State.NEGOTIATE;
            }
            case TelnetCodes.SB -> {
                flush();
                state = State.SB_OPTION;
            }
            default -> {
                flush();
                state = State.DATA;
                listener.command(b);
            }
        }
    }

    private void subnegotiationByte(int b) throws TelnetProtocolException {
        if (subnegotiation.size() >= maxSubnegotiation) {
            throw new TelnetProtocolException("subnegotiation of " + TelnetCodes.optionName(option)
                    + " longer than " + maxSubnegotiation + " bytes");
        }
        subnegotiation.write(b);
    }

    private void data(int b) {
        if (pendingLength == pending.length) {
            flush();
        }
        pending[pendingLength++] = (byte) b;
    }

    private void flush() {
        if (pendingLength > 0) {
            ByteBuffer out = ByteBuffer.wrap(pending, 0, pendingLength);
            pendingLength = 0;
            listener.data(out);
        }
    }
}
