package org.twisted4j.names.authority;

/**
 * A zone file (RFC 1035 §5 master file) that cannot be read: its syntax, a record's data, a directive, a limit
 * passed, or a file that {@code $INCLUDE} names and that cannot be opened. This is the only exception
 * {@link ZoneFileParser} throws for bad input.
 *
 * <p>The message begins with {@code FILE:LINE: } where FILE is the file's name as given (or the source name
 * passed with the text) and LINE the 1-based line where the offending entry began; {@link #source()},
 * {@link #line()} and {@link #reason()} give the three parts apart.
 *
 * <h2>Threading</h2>
 * Immutable; any thread.
 */
public final class ZoneFileError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    /**
     * Creates the error.
     *
     * @param source the file's name, or the name given to text parsed without a file
     * @param line the 1-based line the offending entry began on, or 0 if the file as a whole is at fault
     * @param reason what is wrong, without the place
     */
    public ZoneFileError(String source, int line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** Returns the file's name as given, or the source name of text parsed without a file. */
    public String source() {
        return source;
    }

    /** Returns the 1-based line the offending entry began on, or 0 if the file as a whole is at fault. */
    public int line() {
        return line;
    }

    /** Returns what is wrong, without the place. */
    public String reason() {
        return reason;
    }
}
