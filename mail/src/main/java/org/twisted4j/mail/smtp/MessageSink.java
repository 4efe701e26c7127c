package org.twisted4j.mail.smtp;

import org.twisted4j.defer.Deferred;

/**
 * One recipient's copy of a message as it arrives, as Twisted's {@code IMessage}: the bytes come in order
 * through {@link #write}, then {@link #eomReceived} or {@link #connectionLost}, never both.
 *
 * <p>The bytes are the message as stored: the {@code Received:} header first, dot-unstuffed, every line ending
 * in CRLF. The server answers 250 to the client only once every sink's {@link #eomReceived} Deferred has
 * succeeded, so a sink that stores mail must fire it only when the message is safely stored.
 *
 * <p>Threading: called on the reactor thread; the Deferred must fire on it.
 */
public interface MessageSink {

    /**
     * Takes the next bytes of the message.
     *
     * @param bytes the bytes; the array is the sink's to keep
     */
    void write(byte[] bytes);

    /**
     * Says the whole message has arrived.
     *
     * @return a Deferred firing once the message is stored, or failing (with a {@link SmtpRejection} to choose
     *     the reply) if it could not be
     */
    Deferred<?> eomReceived();

    /** Says the message will not be complete: the connection was lost or the message refused. */
    void connectionLost();
}
