package org.twisted4j.conch.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;

/**
 * Asks at the controlling terminal ({@code /dev/tty}), as Twisted's {@code ConsoleUI} and OpenSSH do: the
 * question is written there and the answer read from there on a thread of the reactor's pool, so the reactor
 * goes on meanwhile; only {@code yes} or {@code no} is taken. Without a terminal every question is answered no.
 *
 * <h2>Threading</h2>
 * Reactor thread only; the terminal is read on another thread.
 */
public final class ConsoleUI implements KnownHostsUI {
    private static final Path TTY = Path.of("/dev/tty");

    private final ReactorThreads threads;
    private final Path terminal;

    /** Asks at {@code /dev/tty}. */
    public ConsoleUI(ReactorThreads threads) {
        this(threads, TTY);
    }

    /**
     * Asks at the given terminal (or any file that can be written and read, for tests).
     *
     * @param threads runs the blocking reads
     * @param terminal the terminal device
     */
    public ConsoleUI(ReactorThreads threads, Path terminal) {
        this.threads = Objects.requireNonNull(threads, "threads");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Deferred<Boolean> prompt(String question) {
        return threads.deferToThread(() -> {
            try (OutputStream out = Files.newOutputStream(terminal, StandardOpenOption.WRITE);
                    BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(terminal),
                            UTF_8))) {
                out.write(question.getBytes(UTF_8));
                out.flush();
                for (String line; (line = in.readLine()) != null; ) {
                    switch (line.strip().toLowerCase(Locale.ROOT)) {
                        case "yes" -> {
                            return true;
                        }
                        case "no" -> {
                            return false;
                        }
                        default -> {
                            out.write("Please type 'yes' or 'no': ".getBytes(UTF_8));
                            out.flush();
                        }
                    }
                }
                return false;
            } catch (IOException noTerminal) {
                return false;
            }
        });
    }

    @Override
    public void warn(String message) {
        try (OutputStream out = Files.newOutputStream(terminal, StandardOpenOption.WRITE)) {
            out.write((message.endsWith("\n") ? message : message + "\n").getBytes(UTF_8));
        } catch (IOException noTerminal) {
            System.err.println(message);
        }
    }
}
