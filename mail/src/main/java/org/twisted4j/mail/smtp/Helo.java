package org.twisted4j.mail.smtp;

import java.util.Objects;

/**
 * What a client said in {@code HELO} or {@code EHLO}, and where it connects from.
 *
 * <p>Any thread: immutable.
 *
 * @param name the name the client gave
 * @param peerHost the client's address, as the transport reports it
 * @param extended whether it said {@code EHLO}
 * @param serverName the name the server greeted with, for the {@code Received:} header's {@code by}
 */
public record Helo(String name, String peerHost, boolean extended, String serverName) {
    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part is null
     */
    public Helo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peerHost, "peerHost");
        Objects.requireNonNull(serverName, "serverName");
    }
}
