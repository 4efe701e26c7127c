package org.twisted4j.runner;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code inetd.conf} files, as Twisted's {@code InetdConf}: one service a line,
 * <pre>
 * # service  socket_type  protocol  wait/nowait  user[.group]  server_program  server_args...
 * echo       stream       tcp       nowait       root          internal
 * 8123       stream       tcp       nowait       nobody        /bin/cat       cat
 * </pre>
 * A {@code #} starts a comment, to the end of its line. The service is a name, whose port is found in a
 * {@link KnownServices} table for the line's protocol ({@code tcp} for {@code tcp4} and {@code tcp6},
 * {@code udp} likewise), or a port number. {@code wait} and {@code nowait} may carry a rate limit
 * ({@code nowait.400}), which is accepted and ignored; the group may follow the user after a colon, or
 * after a dot when there is no colon ({@code first.last:staff} is user {@code first.last}, group
 * {@code staff}). The server arguments start with the program's own name, {@code argv[0]}.
 *
 * <pre>{@code
 * List<InetdEntry> entries = InetdConf.read(Path.of("/etc/inetd.conf"), KnownServices.system());
 * }</pre>
 *
 * <h2>Errors</h2>
 * A line that does not fit is an {@link InvalidConfError} naming the file and line number: fewer than six
 * fields, an unknown socket type, a {@code wait} field that is neither {@code wait} nor {@code nowait}, or a
 * service name the table does not know for that protocol (Twisted's {@code UnknownService}). An
 * {@code rpc/...} service has no port; it is read with port 0.
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class InetdConf {
    /** Where inetd's configuration usually is. */
    public static final Path DEFAULT_FILE = Path.of("/etc/inetd.conf");

    private static final Set<String> SOCKET_TYPES = Set.of("stream", "dgram", "raw", "rdm", "seqpacket");
    private static final Pattern WAIT = Pattern.compile("(wait|nowait)([.,]\\d+)?");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

    private InetdConf() {
    }

    /**
     * Reads an {@code inetd.conf} file in UTF-8.
     *
     * @param file the file
     * @param services where service names are looked up
     * @return the services, in the file's order
     * @throws IOException if the file cannot be read
     * @throws InvalidConfError if a line is not a valid service
     */
    public static List<InetdEntry> read(Path file, KnownServices services) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), services);
        }
    }

    /**
     * Parses the text of an {@code inetd.conf} file.
     *
     * @param text the text
     * @param services where service names are looked up
     * @return the services, in the text's order
     * @throws InvalidConfError if a line is not a valid service; its source is {@code inetd.conf}
     */
    public static List<InetdEntry> parse(String text, KnownServices services) {
        try {
            return parse(new StringReader(text), "inetd.conf", services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses {@code inetd.conf} text from a reader.
     *
     * @param reader the text
     * @param source the file's name, for error messages
     * @param services where service names are looked up
     * @return the services, in the text's order
     * @throws IOException if reading fails
     * @throws InvalidConfError if a line is not a valid service
     */
    public static List<InetdEntry> parse(Reader reader, String source, KnownServices services) throws IOException {
        List<InetdEntry> entries = new ArrayList<>();
        for (ConfLines.Line line : ConfLines.read(reader)) {
            entries.add(entry(line, source, services));
        }
        return List.copyOf(entries);
    }

    private static InetdEntry entry(ConfLines.Line line, String source, KnownServices services) {
        List<String> fields = line.fields();
        if (fields.size() < 6) {
            throw bad(line, source, "expected at least 6 fields (service socket_type protocol wait user program), found "
                    + fields.size());
        }
        String name = fields.get(0);
        String socketType = fields.get(1);
        String protocol = fields.get(2);
        String wait = fields.get(3);
        String user = fields.get(4);
        if (!SOCKET_TYPES.contains(socketType)) {
            throw bad(line, source, "unknown socket type '" + socketType + "'");
        }
        var waitMatch = WAIT.matcher(wait);
        if (!waitMatch.matches()) {
            throw bad(line, source, "expected wait or nowait, not '" + wait + "'");
        }
        String group = null;
        int separator = user.indexOf(':');
        if (separator < 0) {
            separator = user.indexOf('.');
        }
        if (separator >= 0) {
            group = user.substring(separator + 1);
            user = user.substring(0, separator);
        }
        if (user.isEmpty() || (group != null && group.isEmpty())) {
            throw bad(line, source, "expected user or user.group, not '" + fields.get(4) + "'");
        }
        int port = port(name, protocol, services);
        if (port < 0) {
            throw bad(line, source, "unknown service '" + name + "' for " + protocol);
        }
        return new InetdEntry(name, port, socketType, protocol, waitMatch.group(1).equals("wait"), user, group,
                fields.get(5), fields.subList(6, fields.size()));
    }

    private static int port(String name, String protocol, KnownServices services) {
        if (protocol.startsWith("rpc/")) {
            return 0;
        }
        String family = protocol.startsWith("tcp") ? "tcp" : protocol.startsWith("udp") ? "udp" : protocol;
        OptionalInt known = services.port(name, family);
        return known.isPresent() ? known.getAsInt() : portNumber(name);
    }

    /** Returns {@code text} as a port number from 0 to 65535, or -1 if it is not one. */
    static int portNumber(String text) {
        if (!DIGITS.matcher(text).matches()) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    private static InvalidConfError bad(ConfLines.Line line, String source, String problem) {
        return new InvalidConfError(source, line.number(), line.text(), problem);
    }
}
