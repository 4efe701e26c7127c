package org.twisted4j.runner;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ports of services known by name, as in the {@code /etc/services} file ({@code name port/protocol
 * aliases...}); Twisted's {@code ServicesConf}. {@link InetdConf} uses it to find the port of each
 * service named in {@code inetd.conf}.
 *
 * <pre>{@code
 * KnownServices services = KnownServices.system();           // /etc/services, else the built-in table
 * services.port("smtp", "tcp");                              // OptionalInt[25]
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread: instances are immutable.
 */
public final class KnownServices {
    /** The file most systems keep the table in. */
    public static final Path SYSTEM_FILE = Path.of("/etc/services");

    private static final String BUILT_IN = """
            echo 7/tcp
            echo 7/udp
            discard 9/tcp sink null
            discard 9/udp sink null
            daytime 13/tcp
            daytime 13/udp
            chargen 19/tcp ttytst source
            chargen 19/udp ttytst source
            ftp-data 20/tcp
            ftp 21/tcp
            ssh 22/tcp
            telnet 23/tcp
            smtp 25/tcp mail
            time 37/tcp timserver
            time 37/udp timserver
            domain 53/tcp
            domain 53/udp
            tftp 69/udp
            gopher 70/tcp
            finger 79/tcp
            http 80/tcp www
            pop3 110/tcp pop-3
            ident 113/tcp auth tap authentication
            nntp 119/tcp readnews untp
            ntp 123/udp
            imap2 143/tcp imap
            login 513/tcp
            shell 514/tcp cmd
            printer 515/tcp spooler
            submission 587/tcp
            imaps 993/tcp
            pop3s 995/tcp
            """;

    /** A name (or alias) for one protocol; a pair, so that no name and protocol can pass for another. */
    private record Key(String name, String protocol) {
    }

    private final Map<Key, Integer> ports;

    private KnownServices(Map<Key, Integer> ports) {
        this.ports = Map.copyOf(ports);
    }

    /** Returns the small table built in: the internal services of inetd and the best-known others. */
    public static KnownServices builtIn() {
        try {
            return parse(new StringReader(BUILT_IN), "the built-in services table");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the table of {@link #SYSTEM_FILE} if it can be read, otherwise the {@linkplain #builtIn()
     * built-in} one.
     *
     * @return the services this machine knows
     * @throws InvalidConfError if the system file has a line that is not a service
     */
    public static KnownServices system() {
        if (!Files.isReadable(SYSTEM_FILE)) {
            return builtIn();
        }
        try (Reader reader = Files.newBufferedReader(SYSTEM_FILE, StandardCharsets.UTF_8)) {
            return parse(reader, SYSTEM_FILE.toString());
        } catch (IOException e) {
            return builtIn();
        }
    }

    /**
     * Reads a table in the format of {@code /etc/services}: on each line a name, {@code port/protocol},
     * and any number of aliases; {@code #} starts a comment.
     *
     * @param reader the text
     * @param source the file's name, for error messages
     * @return the table
     * @throws IOException if reading fails
     * @throws InvalidConfError if a line has no {@code port/protocol} field, or its port is not a number
     *     from 0 to 65535
     */
    public static KnownServices parse(Reader reader, String source) throws IOException {
        Map<Key, Integer> ports = new HashMap<>();
        for (ConfLines.Line line : ConfLines.read(reader)) {
            if (line.fields().size() < 2) {
                throw new InvalidConfError(source, line.number(), line.text(), "expected a name and port/protocol");
            }
            String portAndProtocol = line.fields().get(1);
            int slash = portAndProtocol.indexOf('/');
            int port = slash < 0 ? -1 : InetdConf.portNumber(portAndProtocol.substring(0, slash));
            if (port < 0 || slash == portAndProtocol.length() - 1) {
                throw new InvalidConfError(source, line.number(), line.text(),
                        "invalid port/protocol '" + portAndProtocol + "'");
            }
            String protocol = portAndProtocol.substring(slash + 1);
            ports.putIfAbsent(new Key(line.fields().getFirst(), protocol), port);
            for (String alias : line.fields().subList(2, line.fields().size())) {
                ports.putIfAbsent(new Key(alias, protocol), port);
            }
        }
        return new KnownServices(ports);
    }

    /**
     * Returns the port of a service.
     *
     * @param name the service's name or one of its aliases
     * @param protocol {@code tcp}, {@code udp} or another protocol name of the table
     * @return the port, or nothing if the table does not have the service for that protocol
     */
    public OptionalInt port(String name, String protocol) {
        Integer port = ports.get(new Key(Objects.requireNonNull(name, "name"), Objects.requireNonNull(protocol, "protocol")));
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    @Override
    public String toString() {
        return "KnownServices[" + ports.size() + " names]";
    }
}
