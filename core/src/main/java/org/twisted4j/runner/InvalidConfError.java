package org.twisted4j.runner;

/**
 * A line of a configuration file ({@code inetd.conf} or {@code services}) that cannot be understood, as
 * Twisted's {@code InvalidInetdConfError}, {@code InvalidServicesConfError} and {@code UnknownService}
 * together. The message names the file, the line number, what is wrong and the line itself:
 *
 * <pre>{@code
 * inetd.conf line 4: unknown service 'gopher' for tcp in "gopher stream tcp nowait root internal"
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread.
 */
public final class InvalidConfError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;
    private final String line;

    /**
     * Creates the error.
     *
     * @param source the file's name as the user knows it
     * @param lineNumber the number of the bad line, counting from 1
     * @param line the line as it is in the file
     * @param problem what is wrong with it
     */
    public InvalidConfError(String source, int lineNumber, String line, String problem) {
        super(source + " line " + lineNumber + ": " + problem + " in \"" + line.strip() + "\"");
        this.source = source;
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** Returns the name of the file the bad line is in. */
    public String source() {
        return source;
    }

    /** Returns the number of the bad line, counting from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Returns the bad line as it is in the file. */
    public String line() {
        return line;
    }
}
