package org.twisted4j.internet;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default listen backlog: the system's own limit, {@code net.core.somaxconn}, as Netty's default is.
 *
 * <p>A backlog smaller than a burst of connections makes the kernel drop the SYNs it has no room for, and
 * each dropped client waits a full second for its retransmission; Twisted's default of 50 shows this under a
 * few thousand connects. The kernel caps any backlog at {@code somaxconn} anyway, so asking for that much
 * costs nothing until the queue is used. An explicit backlog (the {@code backlog=} of an endpoint
 * description, or the argument of {@code listenTCP}) still wins.
 *
 * <h2>Threading</h2>
 * Any thread: the value is read once, when this class is first used.
 */
public final class ListenBacklog {

    /** Where Linux publishes {@code net.core.somaxconn}. */
    static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    /** The backlog used where the system's limit cannot be read (other systems, a locked-down /proc). */
    public static final int FALLBACK = 200;

    private static final int SYSTEM_DEFAULT = read(SOMAXCONN);

    private ListenBacklog() {
    }

    /**
     * Returns the default listen backlog: the system's {@code somaxconn}, or {@link #FALLBACK} where it cannot
     * be read.
     *
     * @return a positive number of connections
     */
    public static int systemDefault() {
        return SYSTEM_DEFAULT;
    }

    /**
     * Reads a {@code somaxconn} file: its one positive number, or {@link #FALLBACK} if it has none. Read as a
     * stream of lines: a file under {@code /proc} says it is empty, and reads that trust its size stop short.
     */
    static int read(Path file) {
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            String line = lines.readLine();
            int value = line == null ? 0 : Integer.parseInt(line.strip());
            return value > 0 ? value : FALLBACK;
        } catch (IOException | NumberFormatException | SecurityException e) {
            return FALLBACK;
        }
    }
}
