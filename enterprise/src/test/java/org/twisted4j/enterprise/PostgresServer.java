package org.twisted4j.enterprise;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;

/**
 * A throwaway PostgreSQL server for the tests: a data directory made by {@code initdb} under a temporary
 * directory, a server listening on a free loopback port (no Unix socket), trust authentication for the user
 * {@code postgres}. PostgreSQL refuses to run as root, so when the tests do (as in CI) its programs run as
 * {@code nobody} through {@code runuser}, and the data directory belongs to that user.
 */
final class PostgresServer {
    private static final String READY = "database system is ready to accept connections";
    private static final String UNPRIVILEGED = "nobody";

    private final Path data;
    private final int port;
    private @Nullable Process process;
    private final StringBuffer said = new StringBuffer();

    private PostgresServer(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** Makes a data directory under {@code root} (which must be empty) and picks a port; nothing runs yet. */
    static PostgresServer create(Path root) throws Exception {
        Peer.POSTGRES.require();
        Peer.INITDB.require();
        Peer.PG_CTL.require();
        Path data = root.resolve("data");
        Files.createDirectories(data);
        if (asRoot()) {
            Peer.RUNUSER.require();
            // The unprivileged user must be able to reach the data directory through the temporary directories above it.
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path up = root.toAbsolutePath(); up != null && up.startsWith(tmp) && !up.equals(tmp); up = up.getParent()) {
                Files.setPosixFilePermissions(up, PosixFilePermissions.fromString("rwx--x--x"));
            }
            UserPrincipal nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(data, nobody);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        run(List.of(Peer.INITDB.require().toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E",
                "UTF8", "--no-sync", "--no-instructions"));
        return new PostgresServer(data, ExternalServer.freePort());
    }

    /** The command that runs the server in the foreground (for {@link ExternalServer}, or {@link #start}). */
    List<String> command() {
        return asUser(List.of(Peer.POSTGRES.require().toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-k", "", "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=300"));
    }

    /** Starts the server and returns once it says it is ready. Blocks; not on the reactor thread. */
    PostgresServer start() throws Exception {
        Process started = new ProcessBuilder(command()).redirectErrorStream(true).start();
        process = started;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("postgres output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(), UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    said.append(line).append('\n');
                    if (line.contains(READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
            ready.completeExceptionally(new AssertionError("postgres ended before it was ready:\n" + said));
        });
        ready.get(60, TimeUnit.SECONDS);
        return this;
    }

    /** Stops the server in fast mode (open sessions are cut) and waits until it has ended. Blocks. */
    void stop() throws Exception {
        run(List.of(Peer.PG_CTL.require().toString(), "stop", "-m", "fast", "-w", "-D", data.toString()));
        Process running = process;
        if (running != null) {
            running.waitFor(60, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** The JDBC URL of its {@code postgres} database, or of {@code database}. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    /** What the server has printed. */
    String said() {
        return said.toString();
    }

    /** Stops the server if it runs. */
    void close() throws Exception {
        if (process != null) {
            stop();
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asUser(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(Peer.RUNUSER.require().toString(), "-u", UNPRIVILEGED, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(asUser(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command + " failed:\n" + output);
        }
    }
}
