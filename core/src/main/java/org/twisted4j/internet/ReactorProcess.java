package org.twisted4j.internet;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Starting child processes, as Twisted's {@code IReactorProcess}.
 *
 * <pre>{@code
 * ProcessTransport child = reactor.spawnProcess(new Collect(), "/bin/ls", List.of("ls", "-l"),
 *         Map.of("LANG", "C"), Path.of("/tmp"));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only. Every call to the {@link ProcessProtocol} happens on the reactor's thread.
 *
 * <h2>Pitfalls</h2>
 * Stopping the reactor neither signals nor waits for children: one still running is left to itself, and
 * its protocol hears nothing more. Signal children from a shutdown trigger when they must not outlive the
 * reactor.
 *
 * @implNote The JDK offers no selectable pipes, so each child has three virtual threads doing blocking pipe
 * I/O, handing every chunk to the reactor's thread; a reading thread waits until its previous chunks are
 * delivered before reading more, so a child that writes faster than its protocol consumes is held back by
 * its full pipe rather than by memory.
 */
public interface ReactorProcess {

    /**
     * Starts a child process connected to {@code protocol} through pipes for its standard input, output and
     * error. The protocol's {@link ProcessProtocol#connectionMade()} runs before this returns.
     *
     * <p>As in Twisted, {@code args} is the child's whole argument list, starting with its program name:
     * {@code spawnProcess(p, "/bin/echo", List.of("echo", "hi"), ...)} runs {@code echo hi}. The JDK
     * cannot set a program name different from {@code executable}, so {@code args.get(0)} is not passed:
     * the child sees {@code executable} there. An {@code executable} without a slash is looked up on this
     * process's {@code PATH}.
     *
     * <p>The environment follows Twisted on POSIX: a map is the child's entire environment (an empty map, as
     * {@link #spawnProcess(ProcessProtocol, String, List)} gives, means none at all); {@code null} passes
     * this process's environment on.
     *
     * @param protocol receives the child's output and its end
     * @param executable the program to run: a path, or a name looked up on {@code PATH}
     * @param args the argument list, starting with the program name; empty means none
     * @param env the child's environment, or null to inherit this process's
     * @param path the child's working directory, or null for this process's
     * @return the child's transport, the same one the protocol received
     * @throws UncheckedIOException if the child cannot be started (no such program, not executable, no
     *     such directory); the protocol is then never connected
     * @throws IllegalStateException if called from another thread while the reactor runs
     */
    ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path);

    /**
     * Starts a child process with an empty environment in this process's working directory, Twisted's
     * defaults; see {@link #spawnProcess(ProcessProtocol, String, List, Map, Path)}.
     *
     * @param protocol receives the child's output and its end
     * @param executable the program to run: a path, or a name looked up on {@code PATH}
     * @param args the argument list, starting with the program name
     * @return the child's transport
     * @throws UncheckedIOException if the child cannot be started
     * @throws IllegalStateException if called from another thread while the reactor runs
     */
    default ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args) {
        return spawnProcess(protocol, executable, args, Map.of(), null);
    }
}
