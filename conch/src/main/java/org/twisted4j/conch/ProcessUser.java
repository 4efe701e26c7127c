package org.twisted4j.conch;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ProcessExitedAlready;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;

/**
 * A {@link ConchUser} whose sessions run commands with {@code /bin/sh} as the server's own operating system user,
 * in a given directory: what {@code twist conch} gives users of an in-memory or file password database, and a
 * ready-made avatar for tests; or, made by {@link #forAccount}, with an operating system account's shell, as that
 * account.
 *
 * <p>{@code exec} runs {@code /bin/sh -c COMMAND}; {@code shell} runs {@code /bin/sh}. Without a {@code pty-req},
 * input, output and standard error go through pipes. With one, the command runs on a real terminal of its own
 * ({@link PtyProcess}: {@code openpty} through JNA, the request's size and modes applied, the child a session
 * leader with the terminal as its controlling terminal), with {@code TERM} set, output and standard error merged
 * as on any terminal; {@code window-change} resizes it and signals go to its process group. Where that cannot
 * be (not Linux, no {@code setsid}, a reactor without threads), util-linux's {@code script(1)} makes the
 * terminal, sized as asked, and later size changes are not passed on; where {@code script} is missing too, the
 * request sets only {@code TERM} and the command runs on pipes. {@code env} accepts {@code LANG} and {@code LC_*}, as
 * OpenSSH's default {@code AcceptEnv}. {@code signal} passes TERM, KILL, INT, HUP, QUIT, ABRT and ALRM on. Forwarding
 * (TCP both ways, and the agent's, which sets {@code SSH_AUTH_SOCK}) is allowed only when the constructor says so.
 *
 * <p>On Linux with glibc 2.34 or later the child is started with {@code posix_spawn} and reaped with
 * {@code waitpid} ({@link NativeSpawn}), on pipes and on a terminal alike, so a command killed by a signal ends
 * the session with {@code exit-signal}, as {@code sshd} does; elsewhere the JDK starts it on pipes and such a death
 * shows as the status 128+N.
 *
 * <h2>Operating system accounts</h2>
 * An avatar made by {@link #forAccount} runs its sessions as that {@link UnixAccount}: {@code exec}, {@code shell}
 * and terminal sessions run the account's login shell under its uid, gid and supplementary groups (through
 * {@link UnixAccount#switchCommand()}, util-linux's {@code setpriv}), in its home directory, with {@code HOME},
 * {@code USER}, {@code LOGNAME} and {@code SHELL} from its {@code passwd} entry; a terminal's device is given to
 * the account first, as {@code sshd} does. That needs a server running as root: a server running as another user
 * refuses every session channel of an account that is not its own, and logs why. An account that is the server's
 * own user needs no switch.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ProcessUser implements ConchUser {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Logger LOG = Logger.forClass(ProcessUser.class);
    private static final Set<String> SIGNALS = Set.of("TERM", "KILL", "INT", "HUP", "QUIT", "ABRT", "ALRM");

    private final String username;
    private final ReactorProcess reactor;
    private final Path home;
    private final boolean allowForwarding;
    private final @Nullable UnixAccount account;
    private final IntSupplier serverUid;

    /**
     * Makes the avatar.
     *
     * @param username the user name
     * @param reactor runs the commands
     * @param home the working directory and {@code HOME}
     * @param allowForwarding whether {@code -L} and {@code -R} forwarding are allowed
     */
    public ProcessUser(String username, ReactorProcess reactor, Path home, boolean allowForwarding) {
        this.username = Objects.requireNonNull(username, "username");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.home = Objects.requireNonNull(home, "home");
        this.allowForwarding = allowForwarding;
        this.account = null;
        this.serverUid = UnixAccount::processUid;
    }

    private ProcessUser(UnixAccount account, ReactorProcess reactor, boolean allowForwarding,
            IntSupplier serverUid) {
        this.username = account.name();
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.home = account.home();
        this.allowForwarding = allowForwarding;
        this.account = account;
        this.serverUid = serverUid;
    }

    /**
     * Makes the avatar of an operating system account, whose sessions run as that account (see the class
     * documentation).
     *
     * @param account the account, from {@link UnixAccount#lookup}
     * @param reactor runs the commands
     * @param allowForwarding whether {@code -L} and {@code -R} forwarding are allowed
     */
    public static ProcessUser forAccount(UnixAccount account, ReactorProcess reactor, boolean allowForwarding) {
        return forAccount(account, reactor, allowForwarding, UnixAccount::processUid);
    }

    /** As {@link #forAccount(UnixAccount, ReactorProcess, boolean)}, with the server's uid from the given source. */
    static ProcessUser forAccount(UnixAccount account, ReactorProcess reactor, boolean allowForwarding,
            IntSupplier serverUid) {
        return new ProcessUser(Objects.requireNonNull(account, "account"), reactor, allowForwarding,
                Objects.requireNonNull(serverUid, "serverUid"));
    }

    /** Returns the account sessions run as, or null when they run as the server's own user. */
    public @Nullable UnixAccount account() {
        return account;
    }

    /**
     * Whether sessions run as another user than the server's: an account that is not the server's own user.
     */
    public boolean switchesUser() {
        return account != null && account.uid() != serverUid.getAsInt();
    }

    @Override
    public String username() {
        return username;
    }

    /** Returns the directory commands run in, also the user's SFTP root where the server offers SFTP. */
    public Path home() {
        return home;
    }

    @Override
    public @Nullable Session openSession() {
        int uid = serverUid.getAsInt();
        if (switchesUser() && uid != 0) {
            LOG.warn("Session of {user} refused: sessions of another account need a server running as root "
                    + "(this one runs as uid {uid})", "user", username, "uid", uid);
            return null;
        }
        return new ProcessSession();
    }

    /**
     * Returns a subsystem's protocol that runs a program as this user, as {@code sshd} runs {@code sftp-server}:
     * once connected to the session channel it starts {@code argv} (its first element the program's path) as the
     * session's commands start (as the account, behind {@link UnixAccount#switchCommand()}, when the server runs
     * as another user), in {@link #home()}, with {@code HOME}, {@code USER}, {@code LOGNAME}, {@code SHELL} and
     * {@code PATH} set, and joins the channel to the child's standard input and output. Its standard error is
     * logged. A server that may not switch to the account has refused the session already.
     *
     * @param argv the program and its arguments
     */
    public Protocol subsystemProcess(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        return subsystemProcess(Deferred.succeed(argv));
    }

    /**
     * Returns a subsystem's protocol as {@link #subsystemProcess(List)} does, for a command line still being
     * made (such as {@link SftpSubsystem#stdioCommand}'s): until it fires, the channel's input is held back (its
     * window not adjusted) and what arrives is kept for the child. A command that fails, or is empty, ends the
     * channel as a child that cannot start does.
     *
     * @param argv the program and its arguments, fired on the reactor thread
     */
    public Protocol subsystemProcess(Deferred<List<String>> argv) {
        return new ProcessSubsystem(reactor, username, argv.addCallback(command -> {
            if (command.isEmpty()) {
                throw new IllegalArgumentException("argv must name a program");
            }
            return asUser(command);
        }), environment(), home);
    }

    /** Returns {@code argv} behind the switch to the account, when sessions run as another user. */
    private List<String> asUser(List<String> argv) {
        List<String> args = new java.util.ArrayList<>();
        UnixAccount runAs = account;
        if (runAs != null && switchesUser()) {
            args.addAll(runAs.switchCommand());
        }
        args.addAll(argv);
        return args;
    }

    /** The environment every child starts with. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", username);
        env.put("LOGNAME", username);
        env.put("SHELL", shell());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    @Override
    public boolean allowsDirectTcpip(String host, int port) {
        return allowForwarding;
    }

    @Override
    public boolean allowsTcpipForward(String address, int port) {
        return allowForwarding;
    }

    @Override
    public boolean allowsAgentForwarding() {
        return allowForwarding;
    }

    @Override
    public @Nullable UnixAccount sessionAccount() {
        return switchesUser() ? account : null;
    }

    /** One session: at most one child process. */
    private final class ProcessSession implements Session {
        private final Map<String, String> env = environment();
        private @Nullable ProcessTransport child;
        /** The child on a terminal, or on pipes through {@link NativeSpawn} (null when the JDK runs it). */
        private @Nullable PtyProcess terminal;
        private @Nullable PtyRequest pty;
        private boolean exited;

        @Override
        public boolean setEnv(String name, String value) {
            if (name.equals("LANG") || name.startsWith("LC_") && name.matches("LC_[A-Z_]+")) {
                env.put(name, value);
                return true;
            }
            return false;
        }

        @Override
        public boolean agentForwarded(Path socket) {
            env.put("SSH_AUTH_SOCK", socket.toString());
            return true;
        }

        @Override
        public boolean requestPty(PtyRequest request) {
            env.put("TERM", request.term());
            pty = request;
            return true;
        }

        @Override
        public boolean execCommand(SessionIO io, String command) {
            return start(io, command);
        }

        @Override
        public boolean openShell(SessionIO io) {
            return start(io, null);
        }

        private boolean start(SessionIO io, @Nullable String command) {
            PtyRequest terminal = pty;
            if (terminal != null && reactor instanceof ReactorThreads threads && PtyProcess.available()) {
                return startOnTerminal(threads, io, terminal, command);
            }
            String shell = shell();
            List<String> argv = command == null ? List.of(shell) : List.of(shell, "-c", command);
            if (terminal == null && reactor instanceof ReactorThreads threads && NativeSpawn.available()) {
                return startOnPipes(threads, io, argv);
            }
            if (terminal == null || !java.nio.file.Files.isExecutable(SCRIPT)) {
                return spawn(io, argv);
            }
            String size = terminal.columns() > 0 && terminal.rows() > 0
                    ? "stty cols " + terminal.columns() + " rows " + terminal.rows() + " 2>/dev/null; " : "";
            String inner = size + "exec " + shellQuote(shell)
                    + (command == null ? " -i" : " -c " + shellQuote(command));
            return spawn(io, List.of(SCRIPT.toString(), "-qfec", inner, "/dev/null"));
        }

        private boolean startOnTerminal(ReactorThreads threads, SessionIO io, PtyRequest request,
                @Nullable String command) {
            try {
                this.terminal = new PtyProcess(threads, request, command, shell(), switchesUser() ? account : null,
                        env, home, new ToChannel(io));
                return true;
            } catch (java.io.IOException e) {
                LOG.warn("Terminal session of {user} not started: {error}", "user", username, "error", e.toString());
                return false;
            }
        }

        /** Passes a child's output (on a terminal, both streams merged) to the channel, and its end. */
        private final class ToChannel implements PtyProcess.Listener {
            private final SessionIO io;

            ToChannel(SessionIO io) {
                this.io = io;
            }

            @Override
            public void output(byte[] data) {
                io.write(data);
            }

            @Override
            public void errorOutput(byte[] data) {
                io.writeStderr(data);
            }

            @Override
            public void exited(int waitStatus) {
                exited = true;
                end(io, waitStatus);
            }
        }

        /** Starts {@code argv} on pipes through {@link NativeSpawn}, so that a death by a signal is seen as one. */
        private boolean startOnPipes(ReactorThreads threads, SessionIO io, List<String> argv) {
            try {
                this.terminal = PtyProcess.onPipes(threads, asUser(argv), env, home, new ToChannel(io));
                return true;
            } catch (java.io.IOException e) {
                LOG.warn("Command of {user} not started: {error}", "user", username, "error", e.toString());
                return false;
            }
        }

        @Override
        public void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
            PtyProcess running = terminal;
            if (running != null) {
                running.resize(columns, rows, widthPixels, heightPixels);
            } else if (pty != null) {
                pty = new PtyRequest(pty.term(), columns, rows, widthPixels, heightPixels, pty.modes());
            }
        }

        /** Starts {@code argv}, its first element the program's path, as the session's user. */
        private boolean spawn(SessionIO io, List<String> argv) {
            List<String> args = asUser(argv);
            String executable = args.get(0);
            try {
                child = reactor.spawnProcess(new ProcessProtocol() {
                    @Override
                    public void outReceived(ByteBuffer data) {
                        io.write(bytes(data));
                    }

                    @Override
                    public void errReceived(ByteBuffer data) {
                        io.writeStderr(bytes(data));
                    }

                    @Override
                    public void processEnded(Failure reason) {
                        exited = true;
                        if (reason.value() instanceof ProcessTerminated terminated
                                && terminated.signal().isPresent()) {
                            io.exitSignal(signalName(terminated.signal().getAsInt()), false, "");
                        } else if (reason.value() instanceof ProcessTerminated terminated) {
                            io.exit(terminated.exitValue());
                        } else {
                            io.exit(0);
                        }
                    }
                }, executable, args, Map.copyOf(env), home);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("Command of {user} not started: {error}", "user", username, "error", e.toString());
                return false;
            }
        }

        @Override
        public boolean signal(String name) {
            PtyProcess onTerminal = terminal;
            if (onTerminal != null) {
                return SIGNALS.contains(name) && !exited && onTerminal.signal(signalNumber(name));
            }
            ProcessTransport running = child;
            if (running == null || exited || !SIGNALS.contains(name)) {
                return false;
            }
            try {
                running.signalProcess(name);
                return true;
            } catch (ProcessExitedAlready e) {
                return false;
            }
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (terminal != null) {
                terminal.write(data);
            } else if (child != null && !exited) {
                child.writeToChild(0, data);
            }
        }

        @Override
        public void eofReceived() {
            if (terminal != null) {
                terminal.endOfInput();
            } else if (child != null && !exited) {
                child.closeStdin();
            }
        }

        @Override
        public void closed() {
            if (terminal != null && !exited) {
                terminal.signal(1);
            }
            if (child != null && !exited) {
                try {
                    child.signalProcess("HUP");
                } catch (ProcessExitedAlready | IllegalArgumentException e) {
                    // Gone already.
                }
            }
        }

        @Override
        public void pauseOutput() {
            if (terminal != null) {
                terminal.pauseOutput();
            }
            if (child != null && !exited) {
                child.pauseProducing();
            }
        }

        @Override
        public void resumeOutput() {
            if (terminal != null) {
                terminal.resumeOutput();
            }
            if (child != null && !exited) {
                child.resumeProducing();
            }
        }
    }

    /** The shell that runs commands: the account's login shell, or {@code /bin/sh}. */
    private String shell() {
        return account != null ? account.shell() : UnixAccount.DEFAULT_SHELL;
    }

    /** Quotes a string for {@code /bin/sh}: in single quotes, each single quote written as {@code '\''}. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        return copy;
    }

    private static int signalNumber(String name) {
        return switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ABRT" -> 6;
            case "KILL" -> 9;
            case "ALRM" -> 14;
            default -> 15;
        };
    }

    /**
     * Ends a session as its child's wait status says (RFC 4254 section 6.10, as {@code sshd}): {@code exit-signal}
     * with the signal's name, whether a core was dumped, an empty message and language tag when a signal killed
     * it; {@code exit-status} with the exit code otherwise.
     */
    static void end(SessionIO io, int waitStatus) {
        int signal = NativeSpawn.termSignal(waitStatus);
        if (signal != 0) {
            io.exitSignal(signalName(signal), NativeSpawn.coreDumped(waitStatus), "");
        } else {
            io.exit(NativeSpawn.exitCode(waitStatus));
        }
    }

    /**
     * The name RFC 4254 section 6.10 gives a signal, without {@code SIG}; {@code SIG@openssh.com}, as {@code sshd}
     * sends, for one the RFC does not name.
     */
    static String signalName(int number) {
        return switch (number) {
            case 1 -> "HUP";
            case 2 -> "INT";
            case 3 -> "QUIT";
            case 4 -> "ILL";
            case 6 -> "ABRT";
            case 8 -> "FPE";
            case 9 -> "KILL";
            case 10 -> "USR1";
            case 11 -> "SEGV";
            case 12 -> "USR2";
            case 13 -> "PIPE";
            case 14 -> "ALRM";
            case 15 -> "TERM";
            default -> "SIG@openssh.com";
        };
    }
}
