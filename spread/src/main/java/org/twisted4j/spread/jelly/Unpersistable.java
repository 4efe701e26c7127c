package org.twisted4j.spread.jelly;

/**
 * What comes back for something that could not be jellied, as Twisted's {@code jelly.Unpersistable}: the
 * {@code unpersistable} atom (an instance whose class was not allowed) or a {@code persistent} one (for
 * which there is no persistent store). Jellies back as {@code [b"unpersistable", reason]}.
 *
 * @param reason why, as the peer said it
 */
public record Unpersistable(String reason) {
}
