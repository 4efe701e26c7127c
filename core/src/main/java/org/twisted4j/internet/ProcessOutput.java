package org.twisted4j.internet;

import java.nio.charset.Charset;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What a finished child process wrote and its exit code, as {@link Processes#getProcessOutputAndValue}
 * gives it (Twisted's {@code (out, err, code)} tuple).
 *
 * <pre>{@code
 * Processes.getProcessOutputAndValue(reactor, "git", List.of("git", "status"), null, repo)
 *          .addCallback(result -> result.exitCode() == 0 ? result.outText(UTF_8) : null);
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread. The arrays are shared, not copied: do not change them.
 *
 * @param out everything the child wrote to its standard output
 * @param err everything the child wrote to its standard error
 * @param exitCode the exit code; {@code 128 + N} for a child killed by signal N (see
 *     {@link ProcessTerminated})
 */
public record ProcessOutput(byte[] out, byte[] err, int exitCode) {

    /**
     * Returns the standard output decoded with {@code charset}.
     *
     * @param charset the encoding the child wrote in
     * @return the text
     */
    public String outText(Charset charset) {
        return new String(out, charset);
    }

    /**
     * Returns the standard error decoded with {@code charset}.
     *
     * @param charset the encoding the child wrote in
     * @return the text
     */
    public String errText(Charset charset) {
        return new String(err, charset);
    }

    /** Compares the bytes of the arrays, not their identity. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ProcessOutput that && Arrays.equals(out, that.out) && Arrays.equals(err, that.err)
                && exitCode == that.exitCode;
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(out) + Arrays.hashCode(err)) * 31 + exitCode;
    }

    @Override
    public String toString() {
        return "ProcessOutput[" + out.length + " bytes out, " + err.length + " bytes err, exit code " + exitCode + "]";
    }
}
