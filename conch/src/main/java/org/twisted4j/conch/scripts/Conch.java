package org.twisted4j.conch.scripts;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.client.DirectTcpipEndpoint;
import org.twisted4j.conch.client.SshClient;
import org.twisted4j.conch.connection.ChannelTransport;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.Signals;
import org.twisted4j.internet.StandardIO;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.endpoints.TCP4ClientEndpoint;
import org.twisted4j.internet.endpoints.TCP4ServerEndpoint;
import org.twisted4j.internet.endpoints.UNIXClientEndpoint;
import org.twisted4j.protocols.portforward.ProxyProtocol;

/**
 * {@code conch}, Twisted's SSH client: runs a command or an interactive shell on a server, with the local terminal
 * in raw mode and a remote PTY of its size, and forwards local ports ({@code -L}) and remote ones ({@code -R}).
 *
 * <pre>
 * conch -i id_ed25519 alice@example.com uname -a     # a command; conch exits with its status
 * conch example.com                                  # an interactive shell
 * conch -N -L 8080:localhost:80 example.com          # a forwarded port, no session
 * conch -A example.com ssh-add -l                    # the agent forwarded to the session
 * </pre>
 *
 * <p>A PTY is asked for when there is no command and standard input is a terminal, or with {@code -t}; never with
 * {@code -T}. While a PTY session runs, the local terminal is in raw mode (restored at the end, even when the JVM
 * is killed by a signal it can catch) and its size changes ({@code SIGWINCH}) are sent as {@code window-change}.
 * The exit status is the remote command's; 255 when the connection failed or the command was ended by a signal,
 * as OpenSSH's {@code ssh}.
 *
 * <h2>Threading</h2>
 * {@link #main} runs a reactor on the calling thread.
 */
public final class Conch {
    static final int EX_OK = 0;
    static final int EX_USAGE = 2;
    /** The status when the connection fails or the remote command reports no status, as OpenSSH's. */
    static final int EX_CONNECTION = 255;

    private static final Options SPEC = ConnectOptions.addTo(new Options("conch [options] [user@]host [command...]")
            .description("Runs a command or a shell on an SSH server (Twisted's conch)."))
            .add(Option.repeatable("localforward").shortName('L').metavar("PORT:HOST:HOSTPORT")
                    .help("listen on the local PORT (on 127.0.0.1) and forward each connection to HOST:HOSTPORT as "
                            + "the server sees it"))
            .add(Option.repeatable("remoteforward").shortName('R').metavar("PORT:HOST:HOSTPORT")
                    .help("have the server listen on its PORT (on its 127.0.0.1) and forward each connection back "
                            + "to HOST:HOSTPORT as this machine sees it"))
            .add(Option.flag("forward-agent").shortName('A')
                    .help("forward the agent at SSH_AUTH_SOCK: the remote session's SSH_AUTH_SOCK reaches it"))
            .add(Option.flag("noshell").shortName('N').help("run no command or shell (for forwarding only)"))
            .add(Option.flag("notty").shortName('T').help("never ask for a remote terminal"))
            .add(Option.flag("tty").shortName('t').help("ask for a remote terminal even when there is a command"))
            .add(Option.flag("null").shortName('n').help("read standard input from /dev/null"))
            .add(Option.flag("subsystem").shortName('s').help("the command is a subsystem's name, such as sftp"))
            .arguments("[user@]host [command...]", true);

    private final NioReactor reactor;
    private final ParsedOptions options;
    private final PrintStream err;
    private int status = EX_CONNECTION;
    private @Nullable LocalTerminal rawTerminal;
    private boolean finished;

    private Conch(NioReactor reactor, ParsedOptions options, PrintStream err) {
        this.reactor = reactor;
        this.options = options;
        this.err = err;
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * Runs the tool: connects, runs the session on the process's standard input and output, and returns when it
     * has ended.
     *
     * @param args the command line
     * @param out where {@code --help} goes
     * @param err where errors go
     * @return the remote command's exit status, 255 when the connection failed, 2 for a bad command line
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        ParsedOptions options;
        try {
            options = SPEC.parse(args);
            if (options.helpRequested()) {
                out.println(SPEC.help());
                return EX_OK;
            }
            if (options.arguments().isEmpty()) {
                throw new UsageError("a host is needed");
            }
            for (String forward : options.strings("localforward")) {
                Forward.parse(forward);
            }
            for (String forward : options.strings("remoteforward")) {
                Forward.parse(forward);
            }
        } catch (UsageError e) {
            err.println("conch: " + e.getMessage());
            err.println(SPEC.help());
            return EX_USAGE;
        }
        NioReactor reactor = new NioReactor();
        Conch conch = new Conch(reactor, options, err);
        reactor.callWhenRunning(conch::start);
        reactor.run(false);
        return conch.status;
    }

    private void log(String message) {
        if (options.flag("log")) {
            err.println("conch: " + message);
        }
    }

    private void start() {
        List<String> arguments = options.arguments();
        SshClient client;
        try {
            client = ConnectOptions.client(reactor, options, arguments.get(0), err);
        } catch (Exception e) {
            err.println("conch: " + e.getMessage());
            finish();
            return;
        }
        client.onClose(this::finish);
        log("connecting to " + arguments.get(0) + " port " + options.integer("port"));
        client.connect().addCallbacks(connection -> {
            log("logged in");
            connected(connection);
            return null;
        }, failure -> {
            err.println("conch: " + describe(failure.value()));
            finish();
            return null;
        });
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }

    private void connected(SshConnection connection) {
        if (options.flag("forward-agent")) {
            String agent = System.getenv("SSH_AUTH_SOCK");
            if (agent == null || agent.isEmpty()) {
                err.println("conch: SSH_AUTH_SOCK is not set: no agent to forward");
            } else {
                log("forwarding the agent at " + agent);
                connection.forwardAgentTo(new UNIXClientEndpoint(reactor, Path.of(agent)));
            }
        }
        for (String spec : options.strings("localforward")) {
            Forward forward;
            try {
                forward = Forward.parse(spec);
            } catch (UsageError e) {
                continue;
            }
            new TCP4ServerEndpoint(reactor, forward.port(), 50, "127.0.0.1").listen(new Factory() {
                @Override
                public Protocol buildProtocol(Address peer) {
                    return new RelayedEnd(new DirectTcpipEndpoint(connection, forward.host(), forward.hostPort()),
                            forward);
                }
            }).addCallbacks(port -> {
                log("forwarding 127.0.0.1:" + forward.port() + " to " + forward.host() + ":" + forward.hostPort());
                return null;
            }, failure -> {
                err.println("conch: cannot listen on port " + forward.port() + ": " + describe(failure.value()));
                return null;
            });
        }
        for (String spec : options.strings("remoteforward")) {
            Forward forward;
            try {
                forward = Forward.parse(spec);
            } catch (UsageError e) {
                continue;
            }
            connection.requestRemoteForward("127.0.0.1", forward.port(), new Factory() {
                @Override
                public Protocol buildProtocol(Address peer) {
                    return new RelayedEnd(new TCP4ClientEndpoint(reactor, forward.host(), forward.hostPort()), forward);
                }
            }).addCallbacks(port -> {
                log("the server forwards its 127.0.0.1:" + port + " to " + forward.host() + ":"
                        + forward.hostPort());
                return null;
            }, failure -> {
                err.println("conch: remote port forwarding of port " + forward.port() + " failed: "
                        + describe(failure.value()));
                return null;
            });
        }
        if (options.flag("noshell")) {
            return;
        }
        List<String> arguments = options.arguments();
        String command = arguments.size() > 1 ? String.join(" ", arguments.subList(1, arguments.size())) : null;
        boolean subsystem = options.flag("subsystem") && command != null;
        boolean wantPty = !options.flag("notty") && !subsystem && (options.flag("tty") || command == null);
        reactor.deferToThread(() -> wantPty ? LocalTerminal.onStandardInput() : null).addCallback(terminal -> {
            if (wantPty && terminal == null && !options.flag("tty")) {
                log("standard input is not a terminal: no remote terminal asked for");
            }
            PtyRequest pty = wantPty ? (terminal != null ? terminal.ptyRequest()
                    : new PtyRequest(termName(), 80, 24, 0, 0, new byte[] {0})) : null;
            openSession(connection, pty, command, subsystem, terminal);
            return null;
        });
    }

    private static String termName() {
        String term = System.getenv("TERM");
        return term == null || term.isEmpty() ? "vt100" : term;
    }

    private void openSession(SshConnection connection, @Nullable PtyRequest pty, @Nullable String command,
            boolean subsystem, @Nullable LocalTerminal terminal) {
        RemoteSide remote = new RemoteSide();
        Deferred<ChannelTransport> opened = subsystem ? connection.startSubsystem(command, remote)
                : connection.openSession(pty, command, remote, data -> {
                    err.write(data, 0, data.length);
                    err.flush();
                });
        opened.addCallbacks(channel -> {
            if (pty != null && terminal != null) {
                rawTerminal = terminal;
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::restoreTerminal));
                terminal.makeRaw();
                Signals.handle("WINCH", () -> reactor.deferToThread(terminal::size).addCallback(size -> {
                    channel.windowChanged(size[1], size[0], 0, 0);
                    return null;
                }));
            }
            LocalSide local = new LocalSide(channel);
            remote.local = local;
            InputStream in = options.flag("null") ? InputStream.nullInputStream()
                    : new FileInputStream(FileDescriptor.in);
            remote.stdout = StandardIO.connect(reactor, local, in, new FileOutputStream(FileDescriptor.out));
            remote.flushEarly();
            return null;
        }, failure -> {
            err.println("conch: " + describe(failure.value()));
            connection.transport().disconnect(DisconnectReason.BY_APPLICATION, "disconnected by user");
            return null;
        });
    }

    private synchronized void restoreTerminal() {
        LocalTerminal terminal = rawTerminal;
        rawTerminal = null;
        if (terminal != null) {
            terminal.restore();
        }
    }

    private void finish() {
        restoreTerminal();
        if (!finished) {
            finished = true;
            reactor.stop();
        }
    }

    /** The remote command's side: its output goes to standard output, its end is the exit status. */
    private final class RemoteSide extends Protocol {
        @Nullable Transport stdout;
        @Nullable LocalSide local;
        private final List<ByteBuffer> early = new ArrayList<>();

        @Override
        public void dataReceived(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            if (stdout == null) {
                early.add(copy);
            } else {
                stdout.write(copy);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            Throwable why = reason.value();
            if (why instanceof ProcessTerminated terminated) {
                status = terminated.exitCode().orElse(EX_CONNECTION);
            } else if (why instanceof ConnectionDone) {
                status = EX_OK;
            } else {
                err.println("conch: " + describe(why));
                status = EX_CONNECTION;
            }
            transport().loseConnection();
            SshConnection connection = ((ChannelTransport) transport()).connection();
            Runnable end = () -> connection.transport().disconnect(DisconnectReason.BY_APPLICATION,
                    "disconnected by user");
            if (stdout != null) {
                stdout.loseConnection();
                if (local != null) {
                    local.onLost = end;
                }
            } else {
                end.run();
            }
        }

        void flushEarly() {
            Transport out = Objects.requireNonNull(stdout);
            for (ByteBuffer data : early) {
                out.write(data);
            }
            early.clear();
        }
    }

    /** Standard input and output: what is typed goes to the channel; its end of input is the channel's EOF. */
    private final class LocalSide extends Protocol implements HalfCloseableProtocol {
        private final ChannelTransport channel;
        @Nullable Runnable onLost;

        LocalSide(ChannelTransport channel) {
            this.channel = channel;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            channel.write(data);
        }

        @Override
        public void readConnectionLost() {
            channel.loseWriteConnection();
        }

        @Override
        public void writeConnectionLost() {
            channel.loseConnection();
        }

        @Override
        public void connectionLost(Failure reason) {
            if (onLost != null) {
                onLost.run();
            } else {
                channel.loseConnection();
            }
        }
    }

    /** A {@code -L} or {@code -R} {@code PORT:HOST:HOSTPORT}. */
    record Forward(int port, String host, int hostPort) {
        static Forward parse(String spec) throws UsageError {
            String[] parts = spec.split(":");
            if (parts.length != 3) {
                throw new UsageError("-L and -R want PORT:HOST:HOSTPORT, not " + spec);
            }
            try {
                return new Forward(Integer.parseInt(parts[0]), parts[1], Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                throw new UsageError("-L and -R want numeric ports, not " + spec);
            }
        }
    }

    /**
     * A forwarded connection relayed to the far side of its forward: a {@code direct-tcpip} channel for
     * {@code -L}, a local TCP connection to the target for {@code -R}.
     */
    private final class RelayedEnd extends ProxyProtocol {
        private final StreamClientEndpoint far;
        private final Forward forward;

        RelayedEnd(StreamClientEndpoint far, Forward forward) {
            this.far = far;
            this.forward = forward;
        }

        @Override
        public void connectionMade() {
            transport().pauseProducing();
            ProxyProtocol farEnd = new ProxyProtocol();
            far.connect(Factory.forProtocol(() -> farEnd)).addCallbacks(made -> {
                relayTo(farEnd);
                return null;
            }, failure -> {
                log("forwarding to " + forward.host() + ":" + forward.hostPort() + " failed: "
                        + describe(failure.value()));
                transport().loseConnection();
                return null;
            });
        }
    }
}
