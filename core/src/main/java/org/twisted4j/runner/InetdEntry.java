package org.twisted4j.runner;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One service of an {@code inetd.conf} file, as Twisted's {@code InetdService}: the line
 * {@code service socket_type protocol wait user server_program server_args...} made into fields.
 *
 * <pre>{@code
 * // ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd -l
 * new InetdEntry("ftp", 21, "stream", "tcp", false, "root", null, "/usr/sbin/tcpd", List.of("in.ftpd", "-l"));
 * }</pre>
 *
 * @param name the service's name as written (a number, when the port was given as a number)
 * @param port the port: found by name, or the number written; 0 for an {@code rpc/...} service, which
 *     has none
 * @param socketType {@code stream}, {@code dgram}, {@code raw}, {@code rdm} or {@code seqpacket}
 * @param protocol the protocol as written: {@code tcp}, {@code tcp6}, {@code udp}, {@code rpc/tcp}...
 * @param waits true for {@code wait} (one server takes over the socket), false for {@code nowait} (one
 *     server per connection)
 * @param user the user the server should run as
 * @param group the group given after the user ({@code user.group} or {@code user:group}), or null
 * @param program the program's path, or {@code internal} for a service inetd answers itself
 * @param programArgs the program's argument list, starting with its name ({@code argv[0]}), as inetd
 *     passes it; may be empty
 */
public record InetdEntry(String name, int port, String socketType, String protocol, boolean waits, String user,
        @Nullable String group, String program, List<String> programArgs) {

    /** The {@code program} of a service that inetd answers itself. */
    public static final String INTERNAL = "internal";

    /**
     * Checks and copies the fields.
     *
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public InetdEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(socketType, "socketType");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(program, "program");
        programArgs = List.copyOf(programArgs);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
    }

    /** Returns whether inetd answers this service itself ({@code program} is {@code internal}). */
    public boolean isInternal() {
        return INTERNAL.equals(program);
    }

    /**
     * Returns the argument list to start the program with: {@link #programArgs()}, or just the program
     * if that is empty.
     */
    public List<String> argv() {
        return programArgs.isEmpty() ? List.of(program) : programArgs;
    }
}
