package org.twisted4j.internet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the reactors of a {@link ReactorGroup} share their TCP and UDP ports: each member opens a socket of its
 * own with {@code SO_REUSEPORT} on the same port, and the kernel spreads the incoming connections over them.
 * This class agrees the port number; the member binds.
 *
 * <p>A fixed port needs no agreement: every member binds it. Port 0 ("any free port") does: the first member
 * to listen on port 0 on an interface for a kind of factory binds a free port, and the member that makes the
 * same request next (the same interface, the same kind, the same count of such requests before it) binds that
 * port too. Service trees built the same way on every member, as {@code twist --reactors N} builds them,
 * make their requests in the same order, so their port-0 servers meet on one port.
 *
 * <h2>Pitfalls</h2>
 * {@code SO_REUSEPORT} lets any socket of the same user with the option set join a port, so a second process
 * started on the same fixed port joins the group's port instead of failing with "address in use". Closing one
 * member's socket resets the connections that were waiting in its own accept queue.
 *
 * <h2>Threading</h2>
 * Any thread: the members call it from their own threads; the agreement is made under this object's lock.
 */
public final class PortSharing {

    /** Binds a member's socket to a port and tells which port it got. */
    @FunctionalInterface
    public interface Binder {
        /**
         * Binds the socket, with {@code SO_REUSEPORT} set, to {@code port}.
         *
         * @param port the port to bind, 0 for a free one
         * @return the port bound
         * @throws IOException if the socket cannot be bound
         */
        int bind(int port) throws IOException;
    }

    private record Request(String bindInterface, String kind, int count) {
    }

    private final Map<Request, Integer> agreed = new HashMap<>();
    private final Map<Request, Integer> counts = new HashMap<>();

    PortSharing() {
    }

    /**
     * Binds a member's listening socket to the port the group agrees on.
     *
     * @param member the member's index in the group
     * @param bindInterface the interface it listens on, as given to {@code listenTCP}
     * @param kind what listens, such as the factory's class name: port-0 requests of different kinds never meet
     * @param requestedPort the port asked for, 0 for any free one
     * @param binder binds the member's socket
     * @return the port bound
     * @throws IOException what {@code binder} threw
     */
    public int bind(int member, String bindInterface, String kind, int requestedPort, Binder binder)
            throws IOException {
        Objects.requireNonNull(binder, "binder");
        if (requestedPort != 0) {
            return binder.bind(requestedPort);
        }
        synchronized (this) {
            Request series = new Request(bindInterface, kind, -1 - member);
            int count = counts.merge(series, 1, Integer::sum) - 1;
            Request request = new Request(bindInterface, kind, count);
            Integer port = agreed.get(request);
            if (port != null) {
                return binder.bind(port);
            }
            int bound = binder.bind(0);
            agreed.put(request, bound);
            return bound;
        }
    }
}
