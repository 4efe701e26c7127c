package org.twisted4j.news;

import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * An article being received after 340 or 335: its lines are un-dot-stuffed and kept until the terminating dot,
 * at most {@code maxSize} octets of them. Past the limit, or after a line too long, the lines are counted and
 * dropped, so memory stays bounded, and {@link #refusal()} says why; the block is still read to its end, so the
 * connection stays in step.
 *
 * <p>Reactor thread only.
 */
final class ArticleIntake {

    private final long maxSize;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private @Nullable String refusal;

    ArticleIntake(long maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * Takes one received line, without its CRLF.
     *
     * @return true if it was the terminator: the article is complete
     */
    boolean line(byte[] line) {
        if (DotStuffing.isTerminator(line)) {
            return true;
        }
        if (refusal != null) {
            return false;
        }
        int from = DotStuffing.unstuff(line);
        if ((long) bytes.size() + line.length - from + 2 > maxSize) {
            refuse("Article too large (over " + maxSize + " octets)");
            return false;
        }
        bytes.write(line, from, line.length - from);
        bytes.write('\r');
        bytes.write('\n');
        return false;
    }

    /** Notes that a line was longer than the line limit: the article is refused. */
    void lineTooLong(int maxLength) {
        refuse("Line too long (over " + maxLength + " octets)");
    }

    private void refuse(String why) {
        if (refusal == null) {
            refusal = why;
            bytes.reset();
        }
    }

    /** Returns why the article is refused, or null if it is within the limits. */
    @Nullable String refusal() {
        return refusal;
    }

    /** Returns the article's octets (CRLF line ends, not dot-stuffed). */
    byte[] bytes() {
        return bytes.toByteArray();
    }
}
