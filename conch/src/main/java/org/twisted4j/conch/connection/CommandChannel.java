package org.twisted4j.conch.connection;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.Protocol;

/**
 * A channel the client opens with a protocol over it (Twisted's {@code _CommandChannel}): a {@code session} that
 * asks for {@code exec} or {@code subsystem} once open and connects the protocol when the server grants it, or a
 * {@code direct-tcpip} channel (local forwarding) whose protocol is connected as soon as it opens. The protocol
 * runs over a {@link ChannelTransport}: the channel's data is its input, a command's standard error goes to a
 * consumer, and the end (for a command, its {@code exit-status} or {@code exit-signal}, then close) is its
 * {@code connectionLost}.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class CommandChannel extends SshChannel {
    /** The signal numbers of the names RFC 4254 section 6.10 lists, as Linux numbers them. */
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(Map.entry("ABRT", 6), Map.entry("ALRM", 14),
            Map.entry("FPE", 8), Map.entry("HUP", 1), Map.entry("ILL", 4), Map.entry("INT", 2),
            Map.entry("KILL", 9), Map.entry("PIPE", 13), Map.entry("QUIT", 3), Map.entry("SEGV", 11),
            Map.entry("TERM", 15), Map.entry("USR1", 10), Map.entry("USR2", 12));

    private final String channelType;
    private final @Nullable String requestType;
    private final String command;
    private final Protocol protocol;
    private final @Nullable Consumer<byte[]> stderr;
    private @Nullable PtyRequest pty;
    private boolean forwardAgent;
    private final Deferred<ChannelTransport> started = new Deferred<>();
    private @Nullable ChannelTransport transport;
    private @Nullable Integer exitStatus;
    private @Nullable String exitSignal;

    private CommandChannel(String channelType, @Nullable String requestType, String command, Protocol protocol,
            @Nullable Consumer<byte[]> stderr) {
        this.channelType = channelType;
        this.requestType = requestType;
        this.command = command;
        this.protocol = protocol;
        this.stderr = stderr;
    }

    /**
     * A session running a command or subsystem.
     *
     * @param requestType {@code exec} or {@code subsystem}
     * @param command the command line, or the subsystem's name
     */
    static CommandChannel session(String requestType, String command, Protocol protocol,
            @Nullable Consumer<byte[]> stderr) {
        return new CommandChannel("session", requestType, command, protocol, stderr);
    }

    /**
     * A session that asks for a PTY first (when {@code pty} is not null), then runs a command or, when
     * {@code command} is null, the user's shell.
     */
    static CommandChannel interactive(@Nullable PtyRequest pty, @Nullable String command, Protocol protocol,
            @Nullable Consumer<byte[]> stderr) {
        CommandChannel channel = new CommandChannel("session", command == null ? "shell" : "exec",
                command == null ? "" : command, protocol, stderr);
        channel.pty = pty;
        return channel;
    }

    /** A {@code forwarded-tcpip} channel the server opened, for a connection to {@code listener}. */
    static CommandChannel forwarded(String listener, Protocol protocol) {
        return new CommandChannel("forwarded-tcpip", null, listener, protocol, null);
    }

    /** A {@code direct-tcpip} channel to {@code destination} ({@code host:port}, for messages). */
    static CommandChannel directTcpip(String destination, Protocol protocol) {
        return new CommandChannel("direct-tcpip", null, destination, protocol, null);
    }

    /** Asks for {@code auth-agent-req@openssh.com} once open, before anything else (a session only). */
    void forwardAgent() {
        forwardAgent = true;
    }

    Deferred<ChannelTransport> started() {
        return started;
    }

    @Override
    public String type() {
        return channelType;
    }

    @Override
    protected void channelOpen(SshWire extra) {
        String request = requestType;
        if (request == null) {
            connectProtocol();
            return;
        }
        if (forwardAgent) {
            // As ssh: no reply asked for; a server that refuses simply opens no agent channels.
            sendRequest("auth-agent-req@openssh.com", false, new byte[0]);
        }
        if (pty != null) {
            PtyRequest asked = pty;
            // As ssh: a refused PTY is reported, and the command or shell is still asked for.
            sendRequestWithReply("pty-req", new SshWireWriter().utf8(asked.term()).uint32(asked.columns())
                    .uint32(asked.rows()).uint32(asked.widthPixels()).uint32(asked.heightPixels())
                    .string(asked.modes()).toByteArray()).addBoth(granted -> {
                        if (!Boolean.TRUE.equals(granted) && stderr != null) {
                            stderr.accept("PTY allocation request failed\r\n".getBytes(
                                    java.nio.charset.StandardCharsets.UTF_8));
                        }
                        return null;
                    });
        }
        byte[] data = request.equals("shell") ? new byte[0] : new SshWireWriter().utf8(command).toByteArray();
        sendRequestWithReply(request, data).addCallbacks(granted -> {
            if (Boolean.TRUE.equals(granted)) {
                connectProtocol();
            } else {
                close();
                started.errback(new ConnectionLost("the server refused " + request + " " + command));
            }
            return null;
        }, failure -> {
            if (!started.isCalled()) {
                started.errback(failure);
            }
            return null;
        });
    }

    private void connectProtocol() {
        ChannelTransport made = new ChannelTransport(this, protocol);
        transport = made;
        protocol.makeConnection(made);
        started.callback(made);
    }

    @Override
    protected void openFailed(int reason, String description) {
        started.errback(new ChannelOpenRefused(reason, description));
    }

    @Override
    protected void dataReceived(ByteBuffer data) {
        if (transport == null) {
            return;
        }
        if (protocol instanceof TakesDataInPlace) {
            protocol.dataReceived(data);
        } else {
            // The octets stay where the packet was read only during the call; a protocol may keep what it is
            // given (a transport's write holds the buffer until it is sent), so it gets a buffer of its own.
            protocol.dataReceived(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }
    }

    @Override
    protected void extendedDataReceived(int dataType, byte[] data) {
        if (stderr != null && dataType == 1) {
            stderr.accept(data);
        }
    }

    @Override
    protected void eofReceived() {
        if (transport != null && protocol instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.readConnectionLost();
        }
    }

    @Override
    protected boolean requestReceived(String requestType, SshWire data) {
        switch (requestType) {
            case "exit-status" -> {
                exitStatus = data.uint32AsInt();
                return true;
            }
            case "exit-signal" -> {
                exitSignal = data.name();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    protected void closed() {
        ChannelTransport made = transport;
        if (made != null) {
            made.lost(new Failure(reason()));
        } else if (!started.isCalled()) {
            started.errback(new ConnectionLost("the channel to " + command + " closed before it started"));
        }
    }

    /** What the command's end means for the protocol, as Twisted's endpoint reports it. */
    private Exception reason() {
        if (exitSignal != null) {
            Integer number = SIGNALS.get(exitSignal);
            return number != null ? ProcessTerminated.killed(number)
                    : new ConnectionLost("the command was ended by signal " + exitSignal);
        }
        if (exitStatus != null && exitStatus != 0) {
            return ProcessTerminated.exited(exitStatus);
        }
        if (exitStatus == null && endedByConnectionLoss()) {
            return new ConnectionLost("the SSH connection was lost before the command ended");
        }
        return new ConnectionDone();
    }

    @Override
    protected void outputPaused() {
        if (transport != null) {
            transport.pauseProducer();
        }
    }

    @Override
    protected void outputResumed() {
        if (transport != null) {
            transport.resumeProducer();
        }
    }
}
