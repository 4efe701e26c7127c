package org.twisted4j.web.script;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A resource script that could not be made into a resource: it does not compile, it threw while running, or its
 * value is not a {@link org.twisted4j.web.Resource}. Says which file and which line (1-based) of it.
 */
public final class ResourceScriptException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String problem;

    /**
     * Makes one.
     *
     * @param file the script
     * @param line the line of the script the problem is on, 1-based, or 0 if it is not on one line
     * @param problem what went wrong, in a sentence
     * @param cause the exception the script threw, or null
     */
    public ResourceScriptException(Path file, int line, String problem, @Nullable Throwable cause) {
        super(file.getFileName() + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** Returns the script. */
    public Path file() {
        return file;
    }

    /** Returns the line of the script the problem is on, 1-based, or 0 if it is not on one line. */
    public int line() {
        return line;
    }

    /** Returns what went wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
