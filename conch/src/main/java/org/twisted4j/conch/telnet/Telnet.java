package org.twisted4j.conch.telnet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.Logger;

/**
 * A Telnet connection's option negotiation, as Twisted's {@code telnet.Telnet}: the Q method of RFC 1143, which
 * keeps for each option and each side a state ({@code NO}, {@code YES}, {@code WANTNO}, {@code WANTYES}) and a
 * queued opposite request, so that no sequence of requests from either end can start a negotiation loop, and
 * an option is never asked for while a request for it is unanswered.
 *
 * <h2>Using it</h2>
 * Subclass it: say which options the peer may turn on ({@link #allowLocal}, {@link #allowRemote}; all refused by
 * default), hear when they change ({@link #localEnabled} and the others), and take the data between commands in
 * {@link #applicationDataReceived}. Ask for options with {@link #will}, {@link #wont}, {@link #doOption} and
 * {@link #dont}: each returns a Deferred that fires when the peer agrees, or fails with {@link OptionRefused}
 * when it refuses or the connection ends, or at once with {@link OptionAlreadySet}.
 *
 * <pre>{@code
 * telnet.doOption(TelnetCodes.NAWS).addCallback(v -> { ...the window size will follow... });
 * }</pre>
 *
 * <p>"Local" options are this end's (it sends {@code WILL}), "remote" ones the peer's (this end sends
 * {@code DO}); Twisted's {@code enableLocal}, {@code enableRemote}, {@code disableLocal} and
 * {@code disableRemote} are split here into the permission ({@code allow...}) and the notification
 * ({@code ...Enabled}, {@code ...Disabled}).
 *
 * <h2>Threading</h2>
 * Reactor thread only, as every {@link Protocol}.
 *
 * <h2>Pitfalls</h2>
 * A subclass that overrides {@link #connectionLost} calls this one, which fails the unanswered requests.
 */
public abstract class Telnet extends Protocol {

    private static final Logger log = new Logger("telnet");

    private final Map<Integer, Side> local = new HashMap<>();
    private final Map<Integer, Side> remote = new HashMap<>();
    private @Nullable TelnetParser parser;
    private boolean lost;

    /** For subclasses. */
    protected Telnet() {
    }

    /** The states of RFC 1143. */
    private enum Q { NO, YES, WANTNO, WANTYES }

    /** A request waiting for the option to settle. */
    private record Waiter(boolean enable, Deferred<@Nullable Void> result) {
    }

    /** One side of one option. */
    private static final class Side {
        Q state = Q.NO;
        boolean opposite;
        boolean active;
        final List<Waiter> waiters = new ArrayList<>();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        TelnetParser current = parser;
        if (current == null) {
            current = new TelnetParser(new Events());
            parser = current;
        }
        if (lost || transport().isDisconnecting()) {
            return;
        }
        try {
            current.parse(data);
        } catch (TelnetProtocolException e) {
            log.warn("telnet: closing {peer}: {error}", "peer", transport().getPeer(), "error", e.getMessage());
            lost = true;
            transport().loseConnection();
        }
    }

    /** Fails the requests still unanswered. A subclass that overrides it calls this one. */
    @Override
    public void connectionLost(Failure reason) {
        lost = true;
        for (Map<Integer, Side> sides : List.of(local, remote)) {
            sides.forEach((option, side) -> {
                List<Waiter> waiting = List.copyOf(side.waiters);
                side.waiters.clear();
                for (Waiter waiter : waiting) {
                    waiter.result().errback(new OptionRefused(option, "the connection ended"));
                }
            });
        }
    }

    /** Offers to enable an option on this end ({@code WILL}); fires when the peer agrees. */
    public final Deferred<@Nullable Void> will(int option) {
        return request(option, true, true);
    }

    /** Disables an option on this end ({@code WONT}); fires when the peer acknowledges. */
    public final Deferred<@Nullable Void> wont(int option) {
        return request(option, true, false);
    }

    /** Asks the peer to enable an option ({@code DO}); fires when it agrees. */
    public final Deferred<@Nullable Void> doOption(int option) {
        return request(option, false, true);
    }

    /** Asks the peer to disable an option ({@code DONT}); fires when it acknowledges. */
    public final Deferred<@Nullable Void> dont(int option) {
        return request(option, false, false);
    }

    /** Whether an option is on at this end (it stays on until the peer acknowledges its disabling). */
    public final boolean isLocalEnabled(int option) {
        Side side = local.get(option);
        return side != null && side.active;
    }

    /** Whether an option is on at the peer's end. */
    public final boolean isRemoteEnabled(int option) {
        Side side = remote.get(option);
        return side != null && side.active;
    }

    /**
     * Sends a subnegotiation ({@code IAC SB option data IAC SE}), doubling the {@code IAC}s in {@code data}.
     */
    public final void requestNegotiation(int option, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 6);
        out.write(TelnetCodes.IAC);
        out.write(TelnetCodes.SB);
        out.write(option);
        for (byte b : data) {
            out.write(b);
            if ((b & 0xff) == TelnetCodes.IAC) {
                out.write(b);
            }
        }
        out.write(TelnetCodes.IAC);
        out.write(TelnetCodes.SE);
        transport().write(out.toByteArray());
    }

    /** Sends a command ({@code IAC command}), such as {@link TelnetCodes#GA} or {@link TelnetCodes#NOP}. */
    public final void sendCommand(int command) {
        transport().write(new byte[] {(byte) TelnetCodes.IAC, (byte) command});
    }

    /** Writes application data, doubling its {@code IAC}s. */
    protected final void writeData(ByteBuffer data) {
        int start = data.position();
        for (int i = start; i < data.limit(); i++) {
            if ((data.get(i) & 0xff) == TelnetCodes.IAC) {
                transport().write(data.slice(start, i + 1 - start));
                start = i;
            }
        }
        transport().write(data.slice(start, data.limit() - start));
        data.position(data.limit());
    }

    /** Whether the peer may turn on {@code option} at this end (it sent {@code DO}). False by default. */
    protected boolean allowLocal(int option) {
        return false;
    }

    /** Whether the peer may turn on {@code option} at its end (it sent {@code WILL}). False by default. */
    protected boolean allowRemote(int option) {
        return false;
    }

    /** An option went on at this end. Does nothing by default. */
    protected void localEnabled(int option) {
    }

    /** An option went off at this end. Does nothing by default. */
    protected void localDisabled(int option) {
    }

    /** An option went on at the peer's end. Does nothing by default. */
    protected void remoteEnabled(int option) {
    }

    /** An option went off at the peer's end. Does nothing by default. */
    protected void remoteDisabled(int option) {
    }

    /** Application data between the commands; valid during the call only. Does nothing by default. */
    protected void applicationDataReceived(ByteBuffer data) {
    }

    /** A command other than a negotiation ({@code NOP}, {@code AYT}, {@code IP}...). Ignored by default. */
    protected void commandReceived(int command) {
    }

    /** A subnegotiation ({@code IAC SB option ... IAC SE}). Ignored by default. */
    protected void subnegotiationReceived(int option, byte[] data) {
    }

    private Deferred<@Nullable Void> request(int option, boolean isLocal, boolean enable) {
        checkOption(option);
        Side side = side(option, isLocal);
        Deferred<@Nullable Void> result = new Deferred<>();
        if (lost) {
            result.errback(new OptionRefused(option, "the connection ended"));
            return result;
        }
        switch (side.state) {
            case NO, YES -> {
                if ((side.state == Q.YES) == enable) {
                    result.errback(new OptionAlreadySet(option, enable));
                    return result;
                }
                side.state = enable ? Q.WANTYES : Q.WANTNO;
                negotiate(isLocal, enable, option);
            }
            case WANTNO -> side.opposite = enable;
            case WANTYES -> side.opposite = !enable;
            default -> throw new IllegalStateException(side.state.name());
        }
        side.waiters.add(new Waiter(enable, result));
        return result;
    }

    /** The peer sent WILL (for a remote option) or DO (for a local one). */
    private void receivedPositive(int option, boolean isLocal) {
        Side side = side(option, isLocal);
        switch (side.state) {
            case NO -> {
                if (isLocal ? allowLocal(option) : allowRemote(option)) {
                    side.state = Q.YES;
                    negotiate(isLocal, true, option);
                } else {
                    negotiate(isLocal, false, option);
                }
            }
            case YES -> {
                return;
            }
            case WANTNO -> {
                // A refusal to disable: RFC 1143 takes it as an error and settles the option anyway.
                side.state = side.opposite ? Q.YES : Q.NO;
                side.opposite = false;
            }
            case WANTYES -> {
                if (side.opposite) {
                    side.state = Q.WANTNO;
                    side.opposite = false;
                    negotiate(isLocal, false, option);
                } else {
                    side.state = Q.YES;
                }
            }
            default -> throw new IllegalStateException(side.state.name());
        }
        settled(option, isLocal, side);
    }

    /** The peer sent WONT (for a remote option) or DONT (for a local one). */
    private void receivedNegative(int option, boolean isLocal) {
        Side side = side(option, isLocal);
        switch (side.state) {
            case NO -> {
                return;
            }
            case YES -> {
                side.state = Q.NO;
                negotiate(isLocal, false, option);
            }
            case WANTNO -> {
                if (side.opposite) {
                    side.state = Q.WANTYES;
                    side.opposite = false;
                    negotiate(isLocal, true, option);
                } else {
                    side.state = Q.NO;
                }
            }
            case WANTYES -> {
                side.state = Q.NO;
                side.opposite = false;
            }
            default -> throw new IllegalStateException(side.state.name());
        }
        settled(option, isLocal, side);
    }

    private void settled(int option, boolean isLocal, Side side) {
        boolean active = side.state == Q.YES || side.state == Q.WANTNO;
        if (active != side.active) {
            side.active = active;
            if (isLocal) {
                if (active) {
                    localEnabled(option);
                } else {
                    localDisabled(option);
                }
            } else if (active) {
                remoteEnabled(option);
            } else {
                remoteDisabled(option);
            }
        }
        if ((side.state == Q.YES || side.state == Q.NO) && !side.opposite && !side.waiters.isEmpty()) {
            boolean on = side.state == Q.YES;
            List<Waiter> waiting = List.copyOf(side.waiters);
            side.waiters.clear();
            for (Waiter waiter : waiting) {
                if (waiter.enable() == on) {
                    waiter.result().callback(null);
                } else {
                    waiter.result().errback(new OptionRefused(option,
                            on ? "the peer keeps it enabled" : "the peer refused it"));
                }
            }
        }
    }

    private void negotiate(boolean isLocal, boolean enable, int option) {
        int command = isLocal ? (enable ? TelnetCodes.WILL : TelnetCodes.WONT)
                : (enable ? TelnetCodes.DO : TelnetCodes.DONT);
        transport().write(new byte[] {(byte) TelnetCodes.IAC, (byte) command, (byte) option});
    }

    private Side side(int option, boolean isLocal) {
        return (isLocal ? local : remote).computeIfAbsent(option, o -> new Side());
    }

    private static void checkOption(int option) {
        if (option < 0 || option > 255) {
            throw new IllegalArgumentException("not a Telnet option: " + option);
        }
    }

    /** The parser's events, kept off this class's public face. */
    private final class Events implements TelnetParser.Listener {
        @Override
        public void data(ByteBuffer data) {
            if (!lost) {
                applicationDataReceived(data);
            }
        }

        @Override
        public void command(int command) {
            commandReceived(command);
        }

        @Override
        public void negotiate(int command, int option) {
            if (lost) {
                return;
            }
            switch (command) {
                case TelnetCodes.WILL -> receivedPositive(option, false);
                case TelnetCodes.WONT -> receivedNegative(option, false);
                case TelnetCodes.DO -> receivedPositive(option, true);
                case TelnetCodes.DONT -> receivedNegative(option, true);
                default -> throw new IllegalArgumentException("not a negotiation: " + command);
            }
        }

        @Override
        public void subnegotiation(int option, byte[] data) {
            if (!lost) {
                subnegotiationReceived(option, data);
            }
        }
    }
}
