package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.application.Option;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.conch.client.SshClient;
import org.twisted4j.conch.connection.SshConnection;
import org.twisted4j.conch.sftp.SftpClient;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;

/**
 * {@code cftp}, Twisted's SFTP client: an interactive prompt or a batch file of commands ({@code -b}) over
 * {@link SftpClient}, with transfers pipelined ({@code -B} octets per request, {@code -R} requests in flight).
 *
 * <pre>
 * cftp alice@example.com                    # interactive: cftp&gt; get big.iso
 * cftp -b commands.txt -R 64 example.com:/srv/data
 * </pre>
 *
 * <p>In a batch file, as in Twisted's, each command is echoed after the prompt; a failing command ends the run
 * with status 1 unless its line starts with {@code -}. The commands are those {@code help} lists ({@link CFtpShell}).
 *
 * <h2>Threading</h2>
 * {@link #main} runs a reactor on the calling thread; the commands run in a coroutine on it.
 */
public final class CFtp {
    static final int EX_OK = 0;
    static final int EX_FAILED = 1;
    static final int EX_USAGE = 2;

    private static final Options SPEC = ConnectOptions.addTo(new Options("cftp [options] [user@]host[:dir]")
            .description("Copies files to and from an SSH server over SFTP (Twisted's cftp)."))
            .add(Option.integer("buffersize").shortName('B').defaultValue(String.valueOf(SftpClient.DEFAULT_CHUNK))
                    .help("octets asked for or sent by each read or write request of get and put"))
            .add(Option.value("batchfile").shortName('b').metavar("FILE")
                    .help("read the commands from FILE ('-' for standard input) instead of a prompt"))
            .add(Option.integer("requests").shortName('R')
                    .defaultValue(String.valueOf(SftpClient.DEFAULT_IN_FLIGHT))
                    .help("requests get and put keep in flight (Twisted's default is 5)"))
            .add(Option.value("subsystem").shortName('s').defaultValue("sftp")
                    .help("the SFTP subsystem's name on the server"))
            .arguments("[user@]host[:dir]", true);

    private final NioReactor reactor;
    private final ParsedOptions options;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private int status = EX_FAILED;
    private boolean finished;

    private CFtp(NioReactor reactor, ParsedOptions options, InputStream in, PrintStream out, PrintStream err) {
        this.reactor = reactor;
        this.options = options;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     * @param in the commands when there is no batch file, or with {@code -b -}
     * @param out where the prompt and the commands' output go
     * @param err where errors of the connection go
     * @return 0, 1 when the connection or a batch command failed, 2 for a bad command line
     */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        ParsedOptions options;
        try {
            options = SPEC.parse(args);
            if (options.helpRequested()) {
                out.println(SPEC.help());
                return EX_OK;
            }
            if (options.arguments().size() != 1) {
                throw new UsageError("one [user@]host[:dir] is needed");
            }
            if (options.integer("buffersize") < 1 || options.integer("buffersize") > 255 * 1024) {
                throw new UsageError("-B must be 1 to 261120");
            }
            if (options.integer("requests") < 1) {
                throw new UsageError("-R must be at least 1");
            }
        } catch (UsageError e) {
            err.println("cftp: " + e.getMessage());
            err.println(SPEC.help());
            return EX_USAGE;
        }
        NioReactor reactor = new NioReactor();
        CFtp cftp = new CFtp(reactor, options, in, out, err);
        reactor.callWhenRunning(cftp::start);
        reactor.run(false);
        out.flush();
        return cftp.status;
    }

    private void start() {
        String target = options.arguments().get(0);
        String remoteDir = "";
        int colon = target.indexOf(':');
        if (colon >= 0) {
            remoteDir = target.substring(colon + 1);
            target = target.substring(0, colon);
        }
        List<String> batch;
        SshClient client;
        try {
            batch = batchLines();
            client = ConnectOptions.client(reactor, options, target, err);
        } catch (Exception e) {
            err.println("cftp: " + e.getMessage());
            finish();
            return;
        }
        client.onClose(this::finish);
        String startDir = remoteDir;
        client.connect().addCallbackDeferred(connection -> {
            SftpClient sftp = new SftpClient().setChunk(options.integer("buffersize"))
                    .setInFlight(options.integer("requests"));
            return connection.startSubsystem(options.string("subsystem"), sftp)
                    .addCallbackDeferred(transport -> sftp.ready())
                    .addCallbackDeferred(extensions -> Coroutine.start(() -> session(connection, sftp, startDir,
                            batch)));
        }).addCallbacks(result -> {
            status = result;
            finish();
            return null;
        }, failure -> {
            Throwable why = failure.value();
            err.println("cftp: " + (why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage()));
            finish();
            return null;
        });
    }

    /** The batch file's lines, or null for a prompt. */
    private @Nullable List<String> batchLines() throws IOException {
        String file = options.string("batchfile");
        if (file == null) {
            return null;
        }
        String text = file.equals("-") ? new String(in.readAllBytes(), UTF_8) : Files.readString(Path.of(file));
        return new ArrayList<>(text.lines().toList());
    }

    /** Runs the commands; returns the exit status. */
    private int session(SshConnection connection, SftpClient sftp, String startDir, @Nullable List<String> batch)
            throws Exception {
        CFtpShell shell = new CFtpShell(reactor, sftp, out);
        try {
            shell.changeDirectory(startDir.isEmpty() ? "." : startDir);
            BufferedReader reader = batch == null ? new BufferedReader(new InputStreamReader(in, UTF_8)) : null;
            int next = 0;
            while (true) {
                out.print(CFtpShell.PROMPT);
                String line;
                if (batch != null) {
                    line = next < batch.size() ? batch.get(next++) : null;
                    if (line != null) {
                        out.println(line);
                    }
                } else {
                    out.flush();
                    line = Coroutine.await(reactor.deferToThread(reader::readLine));
                }
                if (line == null) {
                    return EX_OK;
                }
                line = line.strip();
                boolean ignoreErrors = batch != null && line.startsWith("-");
                if (ignoreErrors) {
                    line = line.substring(1);
                }
                if (line.isEmpty()) {
                    continue;
                }
                CFtpShell.Outcome outcome = shell.execute(line);
                if (outcome == CFtpShell.Outcome.EXIT) {
                    return EX_OK;
                }
                if (outcome == CFtpShell.Outcome.FAILED && batch != null && !ignoreErrors) {
                    return EX_FAILED;
                }
            }
        } finally {
            out.flush();
            connection.transport().disconnect(DisconnectReason.BY_APPLICATION, "disconnected by user");
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            reactor.stop();
        }
    }
}
