package org.twisted4j.conch.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SubsystemRegistry;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.SshProtocolException;
import org.twisted4j.conch.transport.SshService;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.logger.Logger;

/**
 * {@code ssh-connection} (RFC 4254; Twisted's {@code SSHConnection}). On a server, with a {@code ConchUser}: it
 * opens the channels the client asks for when the avatar allows them ({@code session}, {@code direct-tcpip}),
 * answers global requests ({@code tcpip-forward}, {@code cancel-tcpip-forward}, {@code keepalive@openssh.com},
 * {@code no-more-sessions@openssh.com}), and moves data between channels and the transport with each channel's
 * window. On a client ({@link #forClient}), it opens channels: a command's ({@link #execCommand}), a subsystem's
 * ({@link #startSubsystem}), a forwarded connection ({@link #openDirectTcpip}); and refuses what the server would
 * open.
 *
 * <h2>Back-pressure</h2>
 * When the socket cannot take more, channels stop sending and their queues fill, which pauses their sources
 * ({@link SshChannel#outputPaused()}); when the socket drains, they go on.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class SshConnection extends SshService {
    static final int MSG_GLOBAL_REQUEST = 80;
    static final int MSG_REQUEST_SUCCESS = 81;
    static final int MSG_REQUEST_FAILURE = 82;
    static final int MSG_CHANNEL_OPEN = 90;
    static final int MSG_CHANNEL_OPEN_CONFIRMATION = 91;
    static final int MSG_CHANNEL_OPEN_FAILURE = 92;
    static final int MSG_CHANNEL_WINDOW_ADJUST = 93;
    static final int MSG_CHANNEL_DATA = 94;
    static final int MSG_CHANNEL_EXTENDED_DATA = 95;
    static final int MSG_CHANNEL_EOF = 96;
    static final int MSG_CHANNEL_CLOSE = 97;
    static final int MSG_CHANNEL_REQUEST = 98;
    static final int MSG_CHANNEL_SUCCESS = 99;
    static final int MSG_CHANNEL_FAILURE = 100;

    /** The most channels open at once on one connection. */
    public static final int MAX_CHANNELS = 1024;

    private static final Logger LOG = Logger.forClass(SshConnection.class);

    /** The client's view of what the server may open on it: nothing. */
    private static final ConchUser SERVER_AS_PEER = new ConchUser() {
        @Override
        public String username() {
            return "";
        }

        @Override
        public @Nullable Session openSession() {
            return null;
        }
    };

    private final ConchUser avatar;
    private final @Nullable ReactorTCP reactor;
    private final SubsystemRegistry subsystems;
    private final Runnable logout;
    private final Map<Integer, SshChannel> channels = new HashMap<>();
    private final Map<String, ListeningPort> forwards = new HashMap<>();
    private int nextId;
    private boolean noMoreSessions;
    private boolean sessionOpened;
    private boolean stopped;
    private @Nullable Runnable whenIdle;
    private @Nullable StreamClientEndpoint agentForwarding;
    private final RemoteForwards remoteForwards = new RemoteForwards(this);

    /**
     * Makes the service for a user who has logged in.
     *
     * @param avatar the user
     * @param reactor opens forwarded connections and listens for remote forwarding, or null for no forwarding
     * @param subsystems the subsystems offered
     * @param logout runs once when the connection ends
     */
    public SshConnection(ConchUser avatar, @Nullable ReactorTCP reactor, SubsystemRegistry subsystems,
            Runnable logout) {
        this.avatar = Objects.requireNonNull(avatar, "avatar");
        this.reactor = reactor;
        this.subsystems = Objects.requireNonNull(subsystems, "subsystems");
        this.logout = Objects.requireNonNull(logout, "logout");
    }

    /**
     * Makes the client's side of the connection: it opens channels ({@link #execCommand}, {@link #openChannel})
     * and refuses every channel and global request the server sends, but the {@code forwarded-tcpip} channels of
     * a {@link #requestRemoteForward} and the {@code auth-agent@openssh.com} channels of {@link #forwardAgentTo}.
     *
     * @param onStop runs once when the connection ends
     */
    public static SshConnection forClient(Runnable onStop) {
        return new SshConnection(SERVER_AS_PEER, null, new SubsystemRegistry(), onStop);
    }

    /**
     * Runs a command in a new {@code session} channel with a protocol over it (the client's side, Twisted's
     * {@code SSHCommandClientEndpoint} on an existing connection).
     *
     * @param command the command line for the server's shell
     * @param protocol gets the command's output, and its {@code connectionLost} with {@link ConnectionDone} after
     *     exit status 0 or a {@link org.twisted4j.internet.ProcessTerminated} after another status or a signal
     * @param stderr gets the command's standard error, or null to drop it
     * @return fires with the channel's transport once the server runs the command (the protocol's
     *     {@code connectionMade} has run); fails with {@link ChannelOpenRefused} or {@link ConnectionLost}
     */
    public Deferred<ChannelTransport> execCommand(String command, Protocol protocol,
            @Nullable Consumer<byte[]> stderr) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(protocol, "protocol");
        return start(CommandChannel.session("exec", command, protocol, stderr), new byte[0]);
    }

    /**
     * Opens a {@code session} channel that asks for a PTY (when {@code pty} is not null) and then runs a command
     * or the user's shell, with a protocol over it (the client's side of {@code ssh -t}). A refused PTY is
     * reported on {@code stderr} and the session goes on without one, as OpenSSH's {@code ssh} does.
     *
     * @param pty the terminal asked for, or null for none
     * @param command the command line for the server's shell, or null for the user's shell
     * @param protocol as {@link #execCommand}'s; its transport's
     *     {@link ChannelTransport#windowChanged(int, int, int, int)} reports a new terminal size
     * @param stderr gets the standard error, or null to drop it
     * @return fires as {@link #execCommand}'s
     */
    public Deferred<ChannelTransport> openSession(@Nullable PtyRequest pty, @Nullable String command,
            Protocol protocol, @Nullable Consumer<byte[]> stderr) {
        Objects.requireNonNull(protocol, "protocol");
        return start(CommandChannel.interactive(pty, command, protocol, stderr), new byte[0]);
    }

    /**
     * Starts a subsystem, such as {@code sftp}, in a new {@code session} channel with a protocol over it (the
     * client's side).
     *
     * @return fires with the channel's transport once the server has started the subsystem; fails as
     *     {@link #execCommand} does
     */
    public Deferred<ChannelTransport> startSubsystem(String name, Protocol protocol) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        return start(CommandChannel.session("subsystem", name, protocol, null), new byte[0]);
    }

    /**
     * Opens a {@code direct-tcpip} channel (local forwarding, RFC 4254 section 7.2): the server connects to the host
     * and port, and the protocol runs over the channel (the client's side).
     *
     * @return fires with the channel's transport once the server has connected; fails with
     *     {@link ChannelOpenRefused} if it will not or cannot
     */
    public Deferred<ChannelTransport> openDirectTcpip(String host, int port, Protocol protocol) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        byte[] extra = new SshWireWriter().utf8(host).uint32(port).utf8("127.0.0.1").uint32(0).toByteArray();
        return start(CommandChannel.directTcpip(host + ":" + port, protocol), extra);
    }

    /**
     * Asks the server to listen on an address and port and to send each connection it accepts there back as a
     * {@code forwarded-tcpip} channel (remote forwarding, RFC 4254 section 7.1, OpenSSH's {@code ssh -R}; the
     * client's side), run by a protocol the factory builds with the connecting peer's address.
     *
     * @param address the address for the server to listen on, such as {@code 127.0.0.1} or {@code ""} for all
     * @param port the port, or 0 for one the server chooses
     * @param factory builds the protocol of each forwarded connection
     * @return fires with the port the server listens on; fails with {@link GlobalRequestRefused} when it will not
     */
    public Deferred<Integer> requestRemoteForward(String address, int port, Factory factory) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factory, "factory");
        return remoteForwards.listen(address, port, factory);
    }

    /**
     * Asks the server to stop a remote forwarding ({@code cancel-tcpip-forward}); connections already forwarded
     * go on.
     *
     * @return fires once the server has stopped listening; fails with {@link GlobalRequestRefused} when it did not
     */
    public Deferred<Void> cancelRemoteForward(String address, int port) {
        Objects.requireNonNull(address, "address");
        return remoteForwards.cancel(address, port);
    }

    /**
     * Forwards an agent to the server (the client's side of {@code ssh -A}): each {@code session} channel opened
     * from now on asks for {@code auth-agent-req@openssh.com}, and each {@code auth-agent@openssh.com} channel the
     * server then opens is relayed to a new connection to {@code localAgent}, such as a
     * {@code UNIXClientEndpoint} to {@code SSH_AUTH_SOCK}. Null stops asking, and refuses such channels.
     */
    public void forwardAgentTo(@Nullable StreamClientEndpoint localAgent) {
        agentForwarding = localAgent;
    }

    private Deferred<ChannelTransport> start(CommandChannel channel, byte[] extra) {
        if (stopped) {
            return Deferred.fail(new ConnectionLost("the SSH connection has ended"));
        }
        if (agentForwarding != null && channel.type().equals("session")) {
            channel.forwardAgent();
        }
        openChannel(channel, extra);
        return channel.started();
    }

    /** Whether the connection has ended. */
    public boolean isStopped() {
        return stopped;
    }

    @Override
    public String name() {
        return "ssh-connection";
    }

    /** Returns the user. */
    public ConchUser avatar() {
        return avatar;
    }

    SubsystemRegistry subsystems() {
        return subsystems;
    }

    @Nullable ReactorTCP reactor() {
        return reactor;
    }

    /** Returns the channels open now. */
    public List<SshChannel> channels() {
        return List.copyOf(channels.values());
    }

    boolean isWritePaused() {
        return transport().isWritePaused();
    }

    @Override
    public void writeResumed() {
        for (SshChannel channel : new ArrayList<>(channels.values())) {
            channel.flush();
        }
    }

    @Override
    public void serviceStopped() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (SshChannel channel : new ArrayList<>(channels.values())) {
            channel.connectionLost();
        }
        channels.clear();
        for (ListeningPort port : forwards.values()) {
            port.stopListening();
        }
        forwards.clear();
        remoteForwards.stopped();
        logout.run();
    }

    /**
     * Opens a channel from this side (such as {@code forwarded-tcpip}); it hears {@link SshChannel#channelOpen}
     * or {@link SshChannel#openFailed} when the peer answers.
     *
     * @param channel the channel
     * @param extra the type-specific data of the open request
     */
    public void openChannel(SshChannel channel, byte[] extra) {
        int id = allocate(channel);
        transport().sendPacket(new SshWireWriter(extra.length + 32).byteValue(MSG_CHANNEL_OPEN).name(channel.type())
                .uint32(id).uint32(channel.initialWindow()).uint32(channel.maxPacket()).raw(extra).toByteArray());
    }

    private int allocate(SshChannel channel) {
        while (channels.containsKey(nextId)) {
            nextId++;
        }
        int id = nextId++;
        channels.put(id, channel);
        channel.attach(this, id);
        return id;
    }

    void forget(SshChannel channel) {
        channels.remove(channel.localId());
        Runnable idle = whenIdle;
        if (idle != null && channels.isEmpty()) {
            whenIdle = null;
            idle.run();
        }
    }

    /**
     * Runs an action once no channel is open: at once if none is, else when the last one closes (a client that
     * made the connection for its channels closes it then).
     */
    public void whenIdle(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (channels.isEmpty()) {
            action.run();
        } else {
            whenIdle = action;
        }
    }

    @Override
    public void packetReceived(int messageNumber, SshWire in) throws SshProtocolException {
        try {
            switch (messageNumber) {
                case MSG_GLOBAL_REQUEST -> globalRequest(in);
                case MSG_REQUEST_SUCCESS, MSG_REQUEST_FAILURE ->
                        remoteForwards.replied(messageNumber == MSG_REQUEST_SUCCESS, in);
                case MSG_CHANNEL_OPEN -> channelOpen(in);
                case MSG_CHANNEL_OPEN_CONFIRMATION -> {
                    SshChannel channel = channel(in);
                    int peerId = (int) in.uint32();
                    long window = in.uint32();
                    int maxPacket = (int) Math.min(in.uint32(), Integer.MAX_VALUE);
                    channel.opened(peerId, window, maxPacket);
                    channel.channelOpen(in);
                    channel.flush();
                }
                case MSG_CHANNEL_OPEN_FAILURE -> {
                    SshChannel channel = channel(in);
                    int reason = (int) in.uint32();
                    String description = in.utf8();
                    forget(channel);
                    channel.openFailed(reason, description);
                }
                case MSG_CHANNEL_WINDOW_ADJUST -> {
                    SshChannel channel = channel(in);
                    channel.windowAdjusted(in.uint32());
                }
                case MSG_CHANNEL_DATA -> {
                    SshChannel channel = channel(in);
                    channel.data(-1, in.stringView());
                }
                case MSG_CHANNEL_EXTENDED_DATA -> {
                    SshChannel channel = channel(in);
                    int dataType = (int) in.uint32();
                    channel.data(dataType, in.stringView());
                }
                case MSG_CHANNEL_EOF -> channel(in).eof();
                case MSG_CHANNEL_CLOSE -> channel(in).closeFromPeer();
                case MSG_CHANNEL_REQUEST -> {
                    SshChannel channel = channel(in);
                    String type = in.name();
                    boolean wantReply = in.bool();
                    channel.holdOutput(true);
                    try {
                        boolean granted = channel.requestReceived(type, in);
                        if (wantReply && channel.isOpen()) {
                            transport().sendPacket(new SshWireWriter(8).byteValue(granted ? MSG_CHANNEL_SUCCESS
                                    : MSG_CHANNEL_FAILURE).uint32(channel.remoteId()).toByteArray());
                        }
                    } finally {
                        channel.holdOutput(false);
                    }
                }
                case MSG_CHANNEL_SUCCESS, MSG_CHANNEL_FAILURE -> channel(in)
                        .requestReplied(messageNumber == MSG_CHANNEL_SUCCESS);
                default -> transport().sendPacket(new SshWireWriter(8).byteValue(3).uint32(0).toByteArray());
            }
        } catch (ChannelException e) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, e.getMessage());
        }
    }

    private SshChannel channel(SshWire in) throws SshProtocolException {
        long id = in.uint32();
        SshChannel channel = id > Integer.MAX_VALUE ? null : channels.get((int) id);
        if (channel == null) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "No channel " + id);
        }
        return channel;
    }

    private void channelOpen(SshWire in) {
        String type = in.name();
        int peerId = (int) in.uint32();
        long window = in.uint32();
        int maxPacket = (int) Math.min(in.uint32(), Integer.MAX_VALUE);
        SshChannel channel;
        try {
            if (channels.size() >= MAX_CHANNELS) {
                throw new ChannelOpenRefused(ChannelOpenRefused.RESOURCE_SHORTAGE, "Too many channels");
            }
            channel = switch (type) {
                case "session" -> session();
                case "direct-tcpip" -> directTcpip(in);
                case "auth-agent@openssh.com" -> {
                    StreamClientEndpoint agent = agentForwarding;
                    if (agent == null) {
                        throw new ChannelOpenRefused(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED,
                                "Agent forwarding was not asked for");
                    }
                    yield TcpForwardingChannel.connecting("auth-agent@openssh.com", agent);
                }
                case "forwarded-tcpip" -> {
                    SshChannel forwarded = remoteForwards.opened(in);
                    if (forwarded == null) {
                        throw new ChannelOpenRefused(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED,
                                "No forwarding was asked for there");
                    }
                    yield forwarded;
                }
                default -> throw new ChannelOpenRefused(ChannelOpenRefused.UNKNOWN_CHANNEL_TYPE,
                        "Unknown channel type " + type);
            };
        } catch (ChannelOpenRefused refused) {
            transport().sendPacket(new SshWireWriter().byteValue(MSG_CHANNEL_OPEN_FAILURE).uint32(peerId)
                    .uint32(refused.reason()).utf8(refused.getMessage()).name("").toByteArray());
            return;
        }
        int id = allocate(channel);
        channel.opened(peerId, window, maxPacket);
        transport().sendPacket(new SshWireWriter(20).byteValue(MSG_CHANNEL_OPEN_CONFIRMATION).uint32(peerId)
                .uint32(id).uint32(channel.initialWindow()).uint32(channel.maxPacket()).toByteArray());
        channel.channelOpen(new SshWire(new byte[0]));
    }

    private SshChannel session() throws ChannelOpenRefused {
        if (noMoreSessions && sessionOpened) {
            throw new ChannelOpenRefused(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED,
                    "no-more-sessions@openssh.com was sent");
        }
        Session session = avatar.openSession();
        if (session == null) {
            throw new ChannelOpenRefused(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED, "Sessions not allowed");
        }
        sessionOpened = true;
        return new SessionChannel(session);
    }

    private SshChannel directTcpip(SshWire in) throws ChannelOpenRefused {
        String host = in.utf8();
        int port = (int) in.uint32();
        in.utf8();
        in.uint32();
        if (reactor == null || port <= 0 || port > 65535 || !avatar.allowsDirectTcpip(host, port)) {
            throw new ChannelOpenRefused(ChannelOpenRefused.ADMINISTRATIVELY_PROHIBITED,
                    "Forwarding to " + host + ":" + port + " not allowed");
        }
        return TcpForwardingChannel.connecting(reactor, host, port);
    }

    private void globalRequest(SshWire in) {
        String type = in.name();
        boolean wantReply = in.bool();
        byte[] reply = null;
        switch (type) {
            case "tcpip-forward" -> {
                String address = in.utf8();
                int port = (int) in.uint32();
                reply = tcpipForward(address, port);
            }
            case "cancel-tcpip-forward" -> {
                String address = in.utf8();
                int port = (int) in.uint32();
                ListeningPort listening = forwards.remove(address + ":" + port);
                if (listening != null) {
                    listening.stopListening();
                    reply = new byte[] {(byte) MSG_REQUEST_SUCCESS};
                }
            }
            case "no-more-sessions@openssh.com" -> noMoreSessions = true;
            default -> {
            }
        }
        if (wantReply) {
            transport().sendPacket(reply != null ? reply : new byte[] {(byte) MSG_REQUEST_FAILURE});
        }
    }

    private byte @Nullable [] tcpipForward(String address, int port) {
        if (reactor == null || port < 0 || port > 65535 || !avatar.allowsTcpipForward(address, port)) {
            return null;
        }
        String bind = switch (address) {
            case "", "0.0.0.0", "*" -> "0.0.0.0";
            case "localhost" -> "127.0.0.1";
            default -> address;
        };
        try {
            TcpForwardingChannel.RemoteFactory factory = new TcpForwardingChannel.RemoteFactory(this, address);
            ListeningPort listening = reactor.listenTCP(port, factory, 50, bind);
            int bound = ((IPv4Address) listening.getHost()).port();
            factory.setPort(port == 0 ? bound : port);
            forwards.put(address + ":" + (port == 0 ? bound : port), listening);
            SshWireWriter reply = new SshWireWriter(8).byteValue(MSG_REQUEST_SUCCESS);
            if (port == 0) {
                reply.uint32(bound);
            }
            return reply.toByteArray();
        } catch (RuntimeException e) {
            LOG.info("SSH remote forwarding on {address}:{port} failed: {error}", "address", address, "port", port,
                    "error", String.valueOf(e.getMessage()));
            return null;
        }
    }
}
