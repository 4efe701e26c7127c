package org.twisted4j.conch;

import java.nio.ByteBuffer;

/**
 * What runs in one {@code session} channel (Twisted's {@code ISession}): a command, a shell, or nothing yet. The
 * channel calls it with the client's requests; each returns whether it was granted. Output goes through the
 * {@link SessionIO} the command or shell is started with.
 *
 * <h2>Threading</h2>
 * Called on the reactor thread.
 */
public interface Session {

    /** Sets an environment variable for the command or shell to come; false refuses it (the default). */
    default boolean setEnv(String name, String value) {
        return false;
    }

    /**
     * The client asked for its agent to be forwarded ({@code auth-agent-req@openssh.com}), and the server listens
     * on {@code socket}, a UNIX socket in a private directory, relaying each connection to the client's agent:
     * a session that passes {@code SSH_AUTH_SOCK=socket} to its command or shell returns true; false refuses the
     * request (the default).
     */
    default boolean agentForwarded(java.nio.file.Path socket) {
        return false;
    }

    /** Asks for a terminal; false refuses it (the default). */
    default boolean requestPty(PtyRequest request) {
        return false;
    }

    /** The client's terminal changed size. Does nothing by default. */
    default void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
    }

    /**
     * Runs a command.
     *
     * @param io where its output goes, and how it ends
     * @param command the command line as the client sent it
     * @return whether it started
     */
    boolean execCommand(SessionIO io, String command);

    /**
     * Starts the user's shell.
     *
     * @param io where its output goes, and how it ends
     * @return whether it started
     */
    boolean openShell(SessionIO io);

    /** Delivers a signal (a name without {@code SIG}, such as {@code TERM}); false if it cannot (the default). */
    default boolean signal(String name) {
        return false;
    }

    /** Input from the client, after a command or shell has started. */
    void dataReceived(ByteBuffer data);

    /** The client will send no more input. Does nothing by default. */
    default void eofReceived() {
    }

    /** The channel has closed; stop whatever still runs. Does nothing by default. */
    default void closed() {
    }

    /**
     * The channel cannot take output as fast as it comes: pause the source until {@link #resumeOutput()}. Does
     * nothing by default.
     */
    default void pauseOutput() {
    }

    /** The channel can take output again. Does nothing by default. */
    default void resumeOutput() {
    }
}
