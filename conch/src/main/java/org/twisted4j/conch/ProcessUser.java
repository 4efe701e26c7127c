package org.twisted4j.conch;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ProcessExitedAlready;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTerminated;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.internet.ReactorThreads;

/**
 * A {@link ConchUser} whose sessions run commands with {@code /bin/sh} as the server's own operating system user,
 * in a given directory: what {@code twist conch} gives users of an in-memory or file password database, and a
 * ready-made avatar for tests.
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
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class ProcessUser implements ConchUser {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Set<String> SIGNALS = Set.of("TERM", "KILL", "INT", "HUP", "QUIT", "ABRT", "ALRM");

    private final String username;
    private final ReactorProcess reactor;
    private final Path home;
    private final boolean allowForwarding;

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
    public Session openSession() {
        return new ProcessSession();
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

    /** One session: at most one child process. */
    private final class ProcessSession implements Session {
        private final Map<String, String> env = new LinkedHashMap<>();
        private @Nullable ProcessTransport child;
        private @Nullable PtyProcess terminal;
        private @Nullable PtyRequest pty;
        private boolean exited;

        ProcessSession() {
            env.put("HOME", home.toString());
            env.put("USER", username);
            env.put("LOGNAME", username);
            env.put("SHELL", "/bin/sh");
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        }

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
            if (terminal == null || !java.nio.file.Files.isExecutable(SCRIPT)) {
                return spawn(io, "/bin/sh", command == null ? List.of("sh") : List.of("sh", "-c", command));
            }
            String size = terminal.columns() > 0 && terminal.rows() > 0
                    ? "stty cols " + terminal.columns() + " rows " + terminal.rows() + " 2>/dev/null; " : "";
            String inner = size + "exec /bin/sh" + (command == null ? " -i" : " -c " + shellQuote(command));
            return spawn(io, SCRIPT.toString(), List.of("script", "-qfec", inner, "/dev/null"));
        }

        private boolean startOnTerminal(ReactorThreads threads, SessionIO io, PtyRequest request,
                @Nullable String command) {
            try {
                this.terminal = new PtyProcess(threads, request, command, List.of(), env, home,
                        new PtyProcess.Listener() {
                            @Override
                            public void output(byte[] data) {
                                io.write(data);
                            }

                            @Override
                            public void exited(int status) {
                                exited = true;
                                io.exit(status);
                            }
                        });
                return true;
            } catch (java.io.IOException e) {
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

        private boolean spawn(SessionIO io, String executable, List<String> args) {
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

    private static String signalName(int number) {
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
            default -> "TERM";
        };
    }
}
