package org.twisted4j.conch.manhole;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.twisted4j.application.MultiService;
import org.twisted4j.application.StreamServerEndpointService;
import org.twisted4j.conch.SshServerFactory;
import org.twisted4j.conch.telnet.AuthenticatingTelnetProtocol;
import org.twisted4j.conch.telnet.TelnetTransport;
import org.twisted4j.conch.transport.HostKey;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.Portal;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.endpoints.Endpoints;

/**
 * A manhole any application can add (Twisted's {@code manhole_tap} service): Telnet and SSH ports whose users,
 * once logged in, get a JShell REPL into this JVM with the application's objects as variables.
 *
 * <pre>{@code
 * ManholeService manhole = new ManholeService(reactor, Map.of("reactor", reactor, "root", root),
 *         new FilePasswordDB(Path.of("manhole.passwd")));
 * manhole.listenTelnet("tcp:4040:interface=127.0.0.1", false);
 * manhole.listenSsh("tcp:4041", hostKeys);
 * manhole.setServiceParent(application);
 * }</pre>
 *
 * <p>Authentication is mandatory (there is no anonymous manhole), and Telnet, which sends the password in clear,
 * listens only on a loopback interface or a UNIX socket unless told otherwise.
 *
 * <h2>Threading</h2>
 * As {@link MultiService}: set up before it starts, then reactor thread only.
 */
public final class ManholeService extends MultiService {

    private final ReactorCore reactor;
    private final ManholeRealm realm;
    private final Portal portal;

    /**
     * A manhole with no ports yet.
     *
     * @param reactor the reactor, with threads and timers
     * @param namespace the objects each session starts with, by name (Java identifiers)
     * @param checkers how users are authenticated; at least one
     * @throws IllegalArgumentException if there is no checker, a name is not an identifier, or the reactor lacks
     *     threads or timers
     */
    public ManholeService(ReactorCore reactor, Map<String, Object> namespace, CredentialsChecker... checkers) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        if (!(reactor instanceof ReactorThreads threads) || !(reactor instanceof ReactorTime)) {
            throw new IllegalArgumentException("a manhole needs a reactor with threads and timers");
        }
        if (checkers.length == 0) {
            throw new IllegalArgumentException("a manhole needs a credentials checker: it never runs unauthenticated");
        }
        for (String name : namespace.keySet()) {
            if (!isIdentifier(name)) {
                throw new IllegalArgumentException("not a Java identifier: " + name);
            }
        }
        this.realm = new ManholeRealm(threads, namespace);
        this.portal = new Portal(realm, checkers);
    }

    /**
     * Adds a Telnet port.
     *
     * @param endpoint a server endpoint description, such as {@code tcp:4040:interface=127.0.0.1}
     * @param allowNonLoopback whether an interface other than loopback is allowed (passwords cross in clear)
     * @return the port's service, whose {@code whenListening()} says where it listens
     * @throws IllegalArgumentException if the description is malformed, or not loopback and not allowed
     */
    public StreamServerEndpointService listenTelnet(String endpoint, boolean allowNonLoopback) {
        if (!allowNonLoopback && !isLoopbackOnly(endpoint)) {
            throw new IllegalArgumentException("telnet endpoint " + endpoint + " is not on a loopback interface: "
                    + "add :interface=127.0.0.1, or allow it knowing that passwords cross in clear");
        }
        Factory factory = Factory.forProtocol(
                () -> TelnetTransport.terminal(new AuthenticatingTelnetProtocol(portal)));
        return listen(endpoint, factory);
    }

    /**
     * Adds an SSH port.
     *
     * @param endpoint a server endpoint description, such as {@code tcp:4041}
     * @param hostKeys the server's host keys
     * @return the port's service
     * @throws IllegalArgumentException if the description is malformed or there is no host key
     */
    public StreamServerEndpointService listenSsh(String endpoint, List<HostKey> hostKeys) {
        if (hostKeys.isEmpty()) {
            throw new IllegalArgumentException("an SSH manhole needs a host key");
        }
        return listen(endpoint, new SshServerFactory((ReactorTime) reactor, null, hostKeys, portal));
    }

    /** The realm, to build a manhole terminal directly (a test, or a console of the application's own). */
    public ManholeRealm realm() {
        return realm;
    }

    private StreamServerEndpointService listen(String endpoint, Factory factory) {
        StreamServerEndpointService service =
                new StreamServerEndpointService(Endpoints.serverFromString(reactor, endpoint), factory);
        service.setRaiseSynchronously(true);
        addService(service);
        return service;
    }

    /**
     * Whether an endpoint description listens on loopback only: a UNIX socket, or an {@code interface=} that is a
     * loopback address.
     */
    public static boolean isLoopbackOnly(String endpoint) {
        if (endpoint.startsWith("unix:")) {
            return true;
        }
        for (String part : endpoint.split("(?<!\\\\):")) {
            if (part.startsWith("interface=")) {
                String address = part.substring("interface=".length()).replace("\\:", ":");
                try {
                    return !address.isEmpty() && InetAddress.getByName(address).isLoopbackAddress();
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0)) || name.equals("_")) {
            return false;
        }
        return name.codePoints().allMatch(Character::isJavaIdentifierPart);
    }
}
