package org.twisted4j.conch.telnet;

/**
 * What an application carried by a {@link TelnetTransport} may want to hear of the client's terminal: an
 * application protocol that implements it is told the window size (NAWS) and terminal type (TTYPE) as they
 * arrive.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread.
 */
public interface TelnetTerminalListener {

    /** The client's window is now {@code columns} wide and {@code rows} high. */
    void windowSizeChanged(int columns, int rows);

    /** The client named its terminal type, such as {@code XTERM-256COLOR}. Ignored by default. */
    default void terminalTypeReceived(String type) {
    }
}
