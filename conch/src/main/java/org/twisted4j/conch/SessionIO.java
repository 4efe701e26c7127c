package org.twisted4j.conch;

/**
 * A session channel as its {@link Session} sees it: where output goes and how the command or shell ends
 * (RFC 4254 sections 6.9 and 6.10). Output is buffered by the channel until the client's window lets it go;
 * {@link Session#pauseOutput()} says when to hold back.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface SessionIO {

    /** Writes to the client's standard output. */
    void write(byte[] data);

    /** Writes to the client's standard error (extended data type 1). */
    void writeStderr(byte[] data);

    /**
     * Ends the session with an exit status: the buffered output goes first, then EOF, {@code exit-status} and
     * the channel's close.
     */
    void exit(int status);

    /**
     * Ends the session with a signal: the buffered output, EOF, {@code exit-signal} and the close.
     *
     * @param signal the signal's name without {@code SIG}, such as {@code KILL}
     * @param coreDumped whether a core was dumped
     * @param message a message for the user, or an empty string
     */
    void exitSignal(String signal, boolean coreDumped, String message);
}
