package org.twisted4j.internet.endpoints;

import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorBackend;
import org.twisted4j.internet.ReactorTCP;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.internet.ReactorUnix;
import org.twisted4j.internet.UNIXAddress;

/**
 * The parsers for the endpoint types core knows: {@code tcp}, {@code tcp6}, {@code unix} and {@code stdio},
 * {@code haproxy} ({@link HAProxyServerParser}) for servers behind a proxy, and the TLS ones in
 * {@link TlsParsers}: {@code ssl} for servers, {@code ssl} and {@code tls} for clients.
 */
final class BuiltInParsers {
    private BuiltInParsers() {
    }

    static List<ServerEndpointParser> servers() {
        return List.of(new TcpServer("tcp"), new TcpServer("tcp6"), new UnixServer(), new TlsParsers.SslServer(),
                new Stdio(), new HAProxyServerParser());
    }

    static List<ClientEndpointParser> clients() {
        return List.of(new TcpClient("tcp"), new TcpClient("tcp6"), new UnixClient(), new TlsParsers.SslClient(),
                new TlsParsers.TlsClient(), new Stdio());
    }

    /** {@code stdio:}, without arguments, for servers and clients: {@link StandardIOEndpoint}. */
    private static final class Stdio implements ServerEndpointParser, ClientEndpointParser {
        @Override
        public String prefix() {
            return "stdio";
        }

        @Override
        public StandardIOEndpoint parse(Object reactor, EndpointDescription description) {
            boolean bare = description.positional().isEmpty()
                    || description.positional().equals(List.of(""));
            if (!bare || !description.options().isEmpty()) {
                throw description.error("stdio takes no arguments");
            }
            return new StandardIOEndpoint(description.reactorAs(reactor, ReactorBackend.class));
        }
    }

    /**
     * {@code tcp:PORT:interface=ADDRESS:backlog=N}, positional order port, interface, backlog; and
     * {@code tcp6:PORT:interface=ADDRESS:backlog=N}, positional order port, backlog, interface, as Twisted's.
     */
    private record TcpServer(String prefix) implements ServerEndpointParser {
        @Override
        public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
            boolean tcp4 = prefix.equals("tcp");
            Map<String, String> args = tcp4 ? description.bind("port", "interface", "backlog")
                    : description.bind("port", "backlog", "interface");
            int port = description.port("port", description.required(args, "port"));
            int backlog = backlog(description, args);
            ReactorTCP tcp = description.reactorAs(reactor, ReactorTCP.class);
            if (tcp4) {
                return new TCP4ServerEndpoint(tcp, port, backlog, args.getOrDefault("interface", ""));
            }
            return new TCP6ServerEndpoint(tcp, port, backlog,
                    args.getOrDefault("interface", TCP6ServerEndpoint.ALL_INTERFACES));
        }
    }

    /**
     * {@code unix:PATH:mode=OCTAL:backlog=N:lockfile=0|1}; positional order address, mode, backlog, lockfile.
     * As in Twisted, a description asks for a lock file unless it says {@code lockfile=0}. An address that
     * begins with {@code @} or a NUL character is a name in Linux's abstract namespace, which has no file: its
     * mode and lock file are ignored, as Twisted ignores them (a file whose name begins with {@code @} is
     * {@code ./@NAME}).
     */
    private static final class UnixServer implements ServerEndpointParser {
        @Override
        public String prefix() {
            return "unix";
        }

        @Override
        public StreamServerEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = description.bind("address", "mode", "backlog", "lockfile");
            String address = description.required(args, "address");
            String mode = args.get("mode");
            String lockfile = args.get("lockfile");
            if (mode != null) {
                description.octal("mode", mode);
            }
            if (lockfile != null) {
                description.flag("lockfile", lockfile);
            }
            String name = abstractName(description, "address", address);
            if (name != null) {
                return UNIXServerEndpoint.abstractName(description.reactorAs(reactor, ReactorUnix.class), name,
                        backlog(description, args));
            }
            Path path = path(description, "address", address);
            return new UNIXServerEndpoint(description.reactorAs(reactor, ReactorUnix.class), path,
                    backlog(description, args),
                    mode == null ? ReactorUnix.DEFAULT_MODE : description.octal("mode", mode),
                    lockfile == null || description.flag("lockfile", lockfile));
        }
    }

    /**
     * {@code tcp:host=HOST:port=PORT:timeout=S:bindAddress=ADDRESS}, also {@code tcp:HOST:PORT}, and
     * {@code tcp:host=HOST:PORT} (one positional argument is the port when the host is an option); the same
     * for {@code tcp6}.
     */
    record TcpClient(String prefix) implements ClientEndpointParser {
        private static final List<String> OPTIONS = List.of("host", "port", "timeout", "bindAddress");

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = tcpClientArguments(description);
            String host = description.required(args, "host");
            int port = description.port("port", description.required(args, "port"));
            String timeout = args.get("timeout");
            double seconds = timeout == null ? ReactorTCP.DEFAULT_CONNECT_TIMEOUT
                    : description.seconds("timeout", timeout);
            String bind = args.get("bindAddress");
            @Nullable InetSocketAddress bindAddress = bind == null ? null : description.ipAddress("bindAddress", bind);
            ReactorTCP tcp = description.reactorAs(reactor, ReactorTCP.class);
            if (prefix.equals("tcp")) {
                return new TCP4ClientEndpoint(tcp, host, port, seconds, bindAddress);
            }
            return new TCP6ClientEndpoint(tcp, resolverFor(reactor), host, port, seconds, bindAddress);
        }

        private Map<String, String> tcpClientArguments(EndpointDescription description) {
            for (String name : description.options().keySet()) {
                if (!OPTIONS.contains(name)) {
                    throw description.unknownOption(name, OPTIONS);
                }
            }
            if (description.positional().size() == 1 && description.options().containsKey("host")) {
                return description.bind("port", "host", "timeout", "bindAddress");
            }
            return description.bind("host", "port", "timeout", "bindAddress");
        }

        static HostResolver resolverFor(Object reactor) {
            if (reactor instanceof ReactorThreads threads) {
                return HostResolver.blocking(threads);
            }
            return host -> Deferred.fail(new IllegalStateException("cannot look up " + host + ": the reactor "
                    + reactor + " is not a ReactorThreads; give an IPv6 address instead"));
        }
    }

    /**
     * {@code unix:path=PATH:timeout=S:checkPID=0|1}, also {@code unix:PATH}; {@code lockfile} as checkPID. A path
     * that begins with {@code @} or a NUL character is a name in Linux's abstract namespace (no lock file to
     * check).
     */
    private static final class UnixClient implements ClientEndpointParser {
        @Override
        public String prefix() {
            return "unix";
        }

        @Override
        public StreamClientEndpoint parse(Object reactor, EndpointDescription description) {
            Map<String, String> args = description.bind("path", "timeout", "checkPID", "lockfile");
            String address = description.required(args, "path");
            String timeout = args.get("timeout");
            String checkPID = args.get("checkPID");
            String lockfile = args.get("lockfile");
            if (checkPID != null && lockfile != null) {
                throw description.error("checkPID and lockfile both given (they are the same option)");
            }
            String check = checkPID != null ? checkPID : lockfile;
            double seconds = timeout == null ? ReactorTCP.DEFAULT_CONNECT_TIMEOUT
                    : description.seconds("timeout", timeout);
            boolean checked = check != null && description.flag(checkPID != null ? "checkPID" : "lockfile", check);
            String name = abstractName(description, "path", address);
            if (name != null) {
                return UNIXClientEndpoint.abstractName(description.reactorAs(reactor, ReactorUnix.class), name,
                        seconds);
            }
            return new UNIXClientEndpoint(description.reactorAs(reactor, ReactorUnix.class),
                    path(description, "path", address), seconds, checked);
        }
    }

    /**
     * Returns the abstract name {@code value} gives after its leading {@code @} or NUL, or null when it is a
     * path.
     */
    static @Nullable String abstractName(EndpointDescription description, String name, String value) {
        if (!value.startsWith("@") && !value.startsWith("\0")) {
            return null;
        }
        try {
            return UNIXAddress.checkAbstractName(value.substring(1));
        } catch (IllegalArgumentException e) {
            throw description.invalid(name, value, "is not a valid abstract name: " + e.getMessage());
        }
    }

    static Path path(EndpointDescription description, String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw description.invalid(name, value, "is not a valid path: " + e.getReason());
        }
    }

    static int backlog(EndpointDescription description, Map<String, String> args) {
        String backlog = args.get("backlog");
        return backlog == null ? ReactorTCP.DEFAULT_BACKLOG : description.nonNegativeInt("backlog", backlog);
    }
}
