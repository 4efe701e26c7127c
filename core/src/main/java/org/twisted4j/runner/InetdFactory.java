package org.twisted4j.runner;

import java.util.Objects;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.ReactorProcess;

/**
 * Runs an {@code inetd.conf} service's program for each connection, as Twisted's {@code InetdFactory}: the
 * bytes from the client go to the program's standard input, what the program writes to its standard output
 * goes to the client, and each line of its standard error is logged, tagged with the service's name.
 *
 * <pre>{@code
 * InetdEntry cat = new InetdEntry("8123", 8123, "stream", "tcp", false, "nobody", null, "/bin/cat", List.of("cat"));
 * reactor.listenTCP(8123, new InetdFactory(reactor, cat));
 * }</pre>
 *
 * <h2>How the connection reaches the program</h2>
 * Twisted, like inetd, gives the program the socket itself as its standard input and output. Java cannot
 * pass a socket to a child, so the bytes are copied through pipes both ways instead, with back-pressure
 * each way: while the program's input pipe has too much waiting, reading from the client pauses, and while
 * the connection has too much waiting to be sent, reading the program's output pauses (and so, once its
 * pipe is full, does the program). What differs for the program: its standard input and output are pipes,
 * not a socket, so it cannot learn the peer's address from them ({@code getpeername}), set socket options,
 * or pass the socket on. Its environment is this program's, as in Twisted.
 *
 * <h2>When things end</h2>
 * <ul>
 *   <li>The client closes its sending side: the program's standard input is closed once what was written
 *       has gone to it; the connection stays open for the program's answer.</li>
 *   <li>The program ends: once all its output has been sent, the connection is closed.</li>
 *   <li>The connection is lost: the program's pipes are closed, so it reads end of file and its writes fail
 *       with a broken pipe; it is not signalled.</li>
 *   <li>The program cannot be started: that is logged and the connection is closed.</li>
 * </ul>
 * The program runs as this program's user: Java cannot start a child as another user.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class InetdFactory extends Factory {
    private final ReactorProcess processes;
    private final InetdEntry entry;

    /**
     * Creates the factory.
     *
     * @param processes starts the program
     * @param entry the service, whose {@code program} and {@code programArgs} are run
     * @throws IllegalArgumentException if the entry is an internal service
     */
    public InetdFactory(ReactorProcess processes, InetdEntry entry) {
        this.processes = Objects.requireNonNull(processes, "processes");
        this.entry = Objects.requireNonNull(entry, "entry");
        if (entry.isInternal()) {
            throw new IllegalArgumentException("service " + entry.name() + " is internal; see InternalServices");
        }
    }

    /** Returns the service whose program this factory runs. */
    public InetdEntry entry() {
        return entry;
    }

    @Override
    public Protocol buildProtocol(Address peer) {
        ProgramConnection protocol = new ProgramConnection(processes, entry);
        protocol.setFactory(this);
        return protocol;
    }

    @Override
    public String toString() {
        return "InetdFactory[" + entry.name() + ": " + String.join(" ", entry.argv()) + "]";
    }
}
