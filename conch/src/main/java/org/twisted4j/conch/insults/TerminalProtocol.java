package org.twisted4j.conch.insults;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;

/**
 * An application on a terminal (Twisted's {@code TerminalProtocol}): it hears keys and size changes and draws
 * through its {@link Terminal}. {@link ServerProtocol} runs one over a connection, built for it when the
 * connection is made.
 *
 * <pre>{@code
 * final class Hello extends TerminalProtocol {
 *     public void keystrokeReceived(Keystroke key) {
 *         terminal().write("you pressed " + key + "\r\n");
 *     }
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public abstract class TerminalProtocol {

    private @Nullable Terminal terminal;

    /** For subclasses. */
    protected TerminalProtocol() {
    }

    /**
     * Attaches the terminal and calls {@link #connectionMade()}.
     *
     * @throws IllegalStateException if a terminal is already attached
     */
    public final void makeConnection(Terminal terminal) {
        Objects.requireNonNull(terminal, "terminal");
        if (this.terminal != null) {
            throw new IllegalStateException("already attached to a terminal");
        }
        this.terminal = terminal;
        connectionMade();
    }

    /** The terminal is ready. Does nothing by default. */
    public void connectionMade() {
    }

    /** A key was pressed. Does nothing by default. */
    public void keystrokeReceived(Keystroke key) {
    }

    /** The terminal is {@code columns} wide and {@code rows} high (at the start and at each change). */
    public void terminalSize(int columns, int rows) {
    }

    /** The terminal sent an escape sequence that names no key. Ignored by default. */
    public void unhandledControlSequence(String sequence) {
    }

    /** The connection ended. Does nothing by default. */
    public void connectionLost(Failure reason) {
    }

    /**
     * The terminal.
     *
     * @throws IllegalStateException before {@link #makeConnection}
     */
    public final Terminal terminal() {
        Terminal current = terminal;
        if (current == null) {
            throw new IllegalStateException("not attached to a terminal yet");
        }
        return current;
    }
}
